// What every mock handler shares: the `http` factory typed from the contract's `paths` (a spec
// change breaks the handlers at compile time), the caller's identity from the token, and
// reading JSON bodies and paging parameters the way the real API does.
import type { components, paths } from '@inkwell/openapi';
import { createOpenApiHttp } from 'openapi-msw';

import { mockDb, type Page, type UserRecord } from '../db';
import type { Problems } from './validation';

/** Where the API lives, as in the document's `servers`. */
export const API_BASE_PATH = '/api/v1';

export const http = createOpenApiHttp<paths>({ baseUrl: API_BASE_PATH });

export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

export const unauthorizedBody = (): ErrorEnvelope => ({ errors: { token: ['is missing or invalid'] } });
export const notFoundBody = (topic: string): ErrorEnvelope => ({ errors: { [topic]: ['not found'] } });
export const forbiddenBody = (topic: string, message: string): ErrorEnvelope => ({ errors: { [topic]: [message] } });

export interface Caller {
  /** The signed-in user, or null for an anonymous (or rejected) caller. */
  user: UserRecord | null;
  /** True when a token was sent but is not valid: the API answers 401 even where auth is optional. */
  rejected: boolean;
}

/** Reads `Authorization: Token <token>` (or `Bearer <token>`). */
export function identify(request: Request): Caller {
  const header = request.headers.get('authorization');
  if (header === null) return { user: null, rejected: false };
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  const user = match?.[1] ? mockDb.userByToken(match[1]) : null;
  return { user, rejected: user === null };
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 415 | 422; body: ErrorEnvelope };

/**
 * The parsed JSON body. A body of another media type is a 415 and malformed JSON a 422, as
 * the API answers them; an empty body reads as `undefined`.
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  const text = await request.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    return { ok: false, status: 415, body: { errors: { body: ['must be sent as application/json'] } } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 422, body: { errors: { body: ['is not valid JSON'] } } };
  }
}

/** openapi-msw's `response` helper of an operation that declares 415 and 422. */
type BodyErrorResponder<R> = (status: 415 | 422) => { json(body: ErrorEnvelope): R };

/** Answers a body `readJsonBody` refused, with the status it chose. */
export function refuseBody<R>(refused: { status: 415 | 422; body: ErrorEnvelope }, response: BodyErrorResponder<R>): R {
  return response(refused.status).json(refused.body);
}

/** openapi-msw's typed `query` helper, narrowed to the parameters a reader needs. */
export interface QueryParams<Name extends string> {
  get(name: Name): string | null;
}

/** `limit` and `offset` from the query, checked against the document's bounds. */
export function readPage(query: QueryParams<'limit' | 'offset'>, problems: Problems, defaultLimit: number): Page {
  return {
    limit: readInteger(query, 'limit', { min: 1, max: 100, fallback: defaultLimit }, problems),
    offset: readInteger(query, 'offset', { min: 0, max: 100_000, fallback: 0 }, problems),
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
  else if (raw.length > maxLength) problems.add(name, `is too long (maximum is ${maxLength} characters)`);
  else return raw;
  return null;
}
