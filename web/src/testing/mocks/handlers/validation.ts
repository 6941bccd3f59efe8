// Input checks for the mock handlers, with the bounds of the contract's request schemas and
// the Conduit wording the API uses ("can't be blank", "has already been taken"). Every invalid
// field is reported at once, keyed by the field's name.
import type { ErrorEnvelope } from './http';

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
  if ((rule.notBlank || rule.required) && value.trim() === '') problems.add(name, "can't be blank");
  else if (rule.minLength !== undefined && value.length < rule.minLength) {
    problems.add(name, `is too short (minimum is ${rule.minLength} characters)`);
  } else if (value.length > rule.maxLength) problems.add(name, `is too long (maximum is ${rule.maxLength} characters)`);
  else if (rule.pattern && !rule.pattern.test(value)) problems.add(name, 'is invalid');
  else return value;
  return undefined;
}

// The rules of the contract's request schemas (components/schemas/*.yaml).
export const RULES = {
  username: { maxLength: 40, notBlank: true, pattern: /^[A-Za-z0-9_-]+$/ },
  email: { maxLength: 254, notBlank: true, pattern: EMAIL },
  password: { minLength: 8, maxLength: 256 },
  loginEmail: { maxLength: 254, notBlank: true },
  loginPassword: { maxLength: 256, notBlank: true },
  bio: { nullable: true, maxLength: 1000 },
  image: { nullable: true, maxLength: 2048, pattern: /^(https?:\/\/\S+)?$/ },
  title: { maxLength: 200, notBlank: true },
  description: { maxLength: 500, notBlank: true },
  articleBody: { maxLength: 100_000, notBlank: true },
  coverImage: { nullable: true, maxLength: 2048, pattern: /^https?:\/\/\S+$/ },
  commentBody: { maxLength: 10_000, notBlank: true },
} satisfies Record<string, TextRule>;

const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 40;

/** `tagList`: at most ten distinct, non-blank tags of at most 40 characters. */
export function tagList(fields: Fields, problems: Problems): string[] | undefined {
  const value = fields.tagList;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.add('tagList', 'must be a list of tags');
    return undefined;
  }
  if (value.length > MAX_TAGS) problems.add('tagList', `must have at most ${MAX_TAGS} tags`);
  if (value.some((tag) => typeof tag !== 'string' || tag.trim() === ''))
    problems.add('tagList', "can't contain blank tags");
  else if (value.some((tag: string) => tag.length > MAX_TAG_LENGTH)) {
    problems.add('tagList', `can't contain tags longer than ${MAX_TAG_LENGTH} characters`);
  } else if (new Set(value).size !== value.length) problems.add('tagList', "can't contain the same tag twice");
  return problems.has('tagList') ? undefined : (value as string[]);
}

/** Adds a problem when an update names no field at all (`minProperties: 1`). */
export function requireSomeField(fields: Fields, key: string, problems: Problems): void {
  if (Object.keys(fields).length === 0) problems.add(key, 'must change at least one field');
}
