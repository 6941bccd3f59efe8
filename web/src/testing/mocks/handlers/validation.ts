// Input checks for the mock handlers, with the contract's limits (@inkwell/rules, generated from
// the request schemas) and the Conduit wording the API uses ("can't be blank", "has already been
// taken"). Every invalid field is reported at once, keyed by the field's name. Lengths count code
// points, as JSON Schema and the API do.
import type { components } from '@inkwell/openapi';
import {
  ARTICLE_BODY_MAX_LENGTH,
  ARTICLE_DESCRIPTION_MAX_LENGTH,
  ARTICLE_TITLE_MAX_LENGTH,
  BIO_MAX_LENGTH,
  COMMENT_BODY_MAX_LENGTH,
  COVER_IMAGE_ALT_MAX_LENGTH,
  COVER_IMAGE_MAX_LENGTH,
  COVER_IMAGE_PATTERN,
  EMAIL_MAX_LENGTH,
  LIST_MAX_OFFSET,
  LOGIN_EMAIL_MAX_LENGTH,
  LOGIN_PASSWORD_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  TAG_LIST_MAX_ITEMS,
  TAG_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_PATTERN,
  USER_IMAGE_MAX_LENGTH,
  USER_IMAGE_PATTERN,
  textLength,
} from '@inkwell/rules';

import type { Page } from '../records';

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

export class Problems {
  private readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  has(field: string): boolean {
    return field in this.errors;
  }

  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  get body(): ErrorEnvelope {
    return { errors: { ...this.errors } };
  }
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object under `key` of a request body such as `{"user": {...}}`, or null with a problem added. */
export function wrapped(body: unknown, key: string, problems: Problems): Fields | null {
  const inner = isObject(body) ? body[key] : undefined;
  if (isObject(inner)) return inner;
  problems.add(key, inner === undefined || inner === null ? "can't be blank" : 'must be an object');
  return null;
}

export interface TextRule {
  required?: boolean;
  /** `null` is accepted (and returned) as a value. */
  nullable?: boolean;
  /** At least one non-space character (`pattern: '\S'` in the document). */
  notBlank?: boolean;
  minLength?: number;
  maxLength: number;
  pattern?: RegExp;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The string in `fields[name]`, `undefined` when absent, `null` when allowed and sent; adds a
 * problem (and returns undefined) when the value breaks the rule.
 */
export function text(fields: Fields, name: string, rule: TextRule, problems: Problems): string | null | undefined {
  const value = fields[name];
  if (value === undefined || (value === null && !rule.nullable)) {
    if (rule.required) problems.add(name, "can't be blank");
    else if (value === null) problems.add(name, 'must be a string');
    return undefined;
  }
  if (value === null) return null;
  if (typeof value !== 'string') {
    problems.add(name, 'must be a string');
    return undefined;
  }
  const length = textLength(value);
  if ((rule.notBlank || rule.required) && value.trim() === '') problems.add(name, "can't be blank");
  else if (rule.minLength !== undefined && length < rule.minLength) {
    problems.add(name, `is too short (minimum is ${rule.minLength} characters)`);
  } else if (length > rule.maxLength) problems.add(name, `is too long (maximum is ${rule.maxLength} characters)`);
  else if (rule.pattern && !rule.pattern.test(value)) problems.add(name, 'is invalid');
  else return value;
  return undefined;
}

// The rules of the contract's request schemas (components/schemas/*.yaml).
export const RULES = {
  username: { maxLength: USERNAME_MAX_LENGTH, notBlank: true, pattern: new RegExp(USERNAME_PATTERN, 'u') },
  email: { maxLength: EMAIL_MAX_LENGTH, notBlank: true, pattern: EMAIL },
  password: { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
  loginEmail: { maxLength: LOGIN_EMAIL_MAX_LENGTH, notBlank: true },
  loginPassword: { maxLength: LOGIN_PASSWORD_MAX_LENGTH, notBlank: true },
  bio: { nullable: true, maxLength: BIO_MAX_LENGTH },
  image: { nullable: true, maxLength: USER_IMAGE_MAX_LENGTH, pattern: new RegExp(USER_IMAGE_PATTERN, 'u') },
  title: { maxLength: ARTICLE_TITLE_MAX_LENGTH, notBlank: true },
  description: { maxLength: ARTICLE_DESCRIPTION_MAX_LENGTH, notBlank: true },
  articleBody: { maxLength: ARTICLE_BODY_MAX_LENGTH, notBlank: true },
  coverImage: { nullable: true, maxLength: COVER_IMAGE_MAX_LENGTH, pattern: new RegExp(COVER_IMAGE_PATTERN, 'u') },
  coverImageAlt: { maxLength: COVER_IMAGE_ALT_MAX_LENGTH },
  commentBody: { maxLength: COMMENT_BODY_MAX_LENGTH, notBlank: true },
} satisfies Record<string, TextRule>;

/** `fields[name]` when it is one of `values`; undefined (with a problem unless absent) otherwise. */
export function choice<T extends string>(
  fields: Fields,
  name: string,
  values: readonly T[],
  problems: Problems,
): T | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  problems.add(name, 'is not one of the allowed values');
  return undefined;
}

// RFC 3339 date-time, as the document's `format: date-time`.
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

/** A nullable date-time (`publishedAt`), as the API stores it: UTC with milliseconds. */
export function dateTime(fields: Fields, name: string, problems: Problems): string | null | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return value;
  const time = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    problems.add(name, 'is invalid');
    return undefined;
  }
  return new Date(time).toISOString();
}

/** `coverImageFocalPoint`: optional `x` and `y` between 0 and 1, each reported under its own name. */
export function focalPoint(fields: Fields, problems: Problems): { x?: number; y?: number } | undefined {
  const value = fields.coverImageFocalPoint;
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    problems.add('coverImageFocalPoint', 'must be object');
    return undefined;
  }
  const point: { x?: number; y?: number } = {};
  for (const axis of ['x', 'y'] as const) {
    const coordinate = value[axis];
    if (coordinate === undefined) continue;
    if (typeof coordinate !== 'number' || !Number.isFinite(coordinate)) problems.add(axis, 'must be number');
    else if (coordinate < 0) problems.add(axis, 'must be greater than or equal to 0');
    else if (coordinate > 1) problems.add(axis, 'must be less than or equal to 1');
    else point[axis] = coordinate;
  }
  return point;
}

/** `tagList`: at most `TAG_LIST_MAX_ITEMS` distinct, non-blank tags of at most `TAG_MAX_LENGTH` characters. */
export function tagList(fields: Fields, problems: Problems): string[] | undefined {
  const value = fields.tagList;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.add('tagList', 'must be a list of tags');
    return undefined;
  }
  if (value.length > TAG_LIST_MAX_ITEMS) problems.add('tagList', `must have at most ${TAG_LIST_MAX_ITEMS} tags`);
  if (value.some((tag) => typeof tag !== 'string' || tag.trim() === ''))
    problems.add('tagList', "can't contain blank tags");
  else if (value.some((tag: string) => textLength(tag) > TAG_MAX_LENGTH)) {
    problems.add('tagList', `can't contain tags longer than ${TAG_MAX_LENGTH} characters`);
  } else if (new Set(value).size !== value.length) problems.add('tagList', "can't contain the same tag twice");
  return problems.has('tagList') ? undefined : (value as string[]);
}

/** Adds a problem when an update names no field at all (`minProperties: 1`). */
export function requireSomeField(fields: Fields, key: string, problems: Problems): void {
  if (Object.keys(fields).length === 0) problems.add(key, 'must change at least one field');
}

/** openapi-msw's typed `query` helper, narrowed to the parameters a reader needs. */
export interface QueryParams<Name extends string> {
  get(name: Name): string | null;
}

/** `limit` and `offset` from the query, checked against the document's bounds. */
export function readPage(
  query: QueryParams<'limit' | 'offset'>,
  problems: Problems,
  limits: { defaultLimit: number; maxLimit: number },
): Page {
  return {
    limit: readInteger(query, 'limit', { min: 1, max: limits.maxLimit, fallback: limits.defaultLimit }, problems),
    offset: readInteger(query, 'offset', { min: 0, max: LIST_MAX_OFFSET, fallback: 0 }, problems),
  };
}

function readInteger<Name extends string>(
  query: QueryParams<Name>,
  name: Name,
  bounds: { min: number; max: number; fallback: number },
  problems: Problems,
): number {
  const raw = query.get(name);
  if (raw === null) return bounds.fallback;
  const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value)) problems.add(name, 'must be an integer');
  else if (value < bounds.min || value > bounds.max)
    problems.add(name, `must be between ${bounds.min} and ${bounds.max}`);
  else return value;
  return bounds.fallback;
}

/** A query parameter that must be one of `values`; `fallback` when absent. */
export function readQueryChoice<Name extends string, T extends string>(
  query: QueryParams<Name>,
  name: Name,
  values: readonly T[],
  fallback: T,
  problems: Problems,
): T {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  problems.add(name, 'is not one of the allowed values');
  return fallback;
}

/** A text query parameter with the document's length bounds; empty strings are errors. */
export function readQueryText<Name extends string>(
  query: QueryParams<Name>,
  name: Name,
  maxLength: number,
  problems: Problems,
): string | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (raw.trim() === '') problems.add(name, "can't be blank");
  else if (textLength(raw) > maxLength) problems.add(name, `is too long (maximum is ${maxLength} characters)`);
  else return raw;
  return null;
}
