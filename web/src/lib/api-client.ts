import type { components, paths } from '@inkwell/openapi';
import createClient, { type Client, type Middleware } from 'openapi-fetch';

import { env } from '@/config/env';

import { getToken, setSession } from './session';

/**
 * Absolute, because openapi-fetch builds a `Request`, and a `Request` outside a browser
 * (tests, the mock server) cannot resolve a path without an origin.
 */
const apiBaseUrl = new URL(env.API_URL, globalThis.location?.origin ?? 'http://localhost').href;

const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('Authorization', `Token ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A token the API refuses (expired, revoked by a sign-out or a password change elsewhere,
    // signing key rotated) ends the session here as well; unless the session has moved on to
    // another token meanwhile (signed out and in again, or a new token after a password change).
    const token = getToken();
    if (response.status === 401 && token !== null && request.headers.get('Authorization') === `Token ${token}`) {
      setSession(null);
    }
    return undefined;
  },
};

/** A client of `/api/v1`, typed from the contract: the browser's (`api`) or the server renderer's. */
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Absolute base of the API, e.g. `http://127.0.0.1:3001/api/v1`. */
  baseUrl: string;
  /** Sends one request; by default the global `fetch` of the moment the call is made. */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent with every request (the server renderer's `X-Request-Id`). */
  headers?: Record<string, string>;
}

/** The one way to make an API client; the server renderer makes one per page with its own base and timeout. */
export function createApiClient({
  baseUrl,
  // Looked up per call, not captured once: tools that wrap `fetch` later (MSW in tests) still apply.
  fetch = (request) => globalThis.fetch(request),
  headers,
}: ApiClientOptions): ApiClient {
  return createClient<paths>({ baseUrl, fetch, ...(headers ? { headers } : {}) });
}

/** The browser's client: paths relative to `/api/v1`, with the session's token. */
export const api = createApiClient({ baseUrl: apiBaseUrl });
api.use(auth);

/** How a fetcher is called: the query's abort signal, and the client (the browser's unless given). */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  client?: ApiClient | undefined;
}

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
export type ErrorMap = ErrorEnvelope['errors'];

function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('errors' in value)) return false;
  const { errors } = value as { errors: unknown };
  return (
    typeof errors === 'object' &&
    errors !== null &&
    Object.values(errors).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'))
  );
}

/**
 * What every query and mutation throws when the API answers with an error status.
 * `lib/api-errors.ts` turns it into words and form-field messages.
 */
export class ApiError extends Error {
  readonly status: number;
  /** The contract's `{errors: {field: [messages]}}`; empty when the body was not in that shape (a proxy's 502 page). */
  readonly errors: ErrorMap;

  constructor(status: number, body: unknown) {
    const errors = isErrorEnvelope(body) ? body.errors : {};
    super(`API answered ${status}: ${JSON.stringify(errors)}`);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

type ApiResult<Data> = { data?: Data; error?: unknown; response: Response };

/** The data of a successful answer; throws `ApiError` for any error status. */
export function unwrap<Data>({ data, error, response }: ApiResult<Data>): Data {
  if (!response.ok) throw new ApiError(response.status, error);
  return data as Data;
}
