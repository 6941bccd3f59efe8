// What every mock handler shares: the `http` factory typed from the contract's `paths` (a spec
// change breaks the handlers at compile time), the caller's identity from the token, the error
// bodies, and reading JSON bodies the way the real API does. Checking the input is validation.ts.
import type { components, paths } from '@inkwell/openapi';
import { createOpenApiHttp } from 'openapi-msw';

import { mockDb } from '../db';
import type { UserRecord } from '../records';

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
