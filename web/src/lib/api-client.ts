import { createInkwellClient, type InkwellClient, type Middleware } from '@inkwell/client';

import { env } from '@/config/env';

import { getToken, setSession } from './session';

/**
 * Absolute, because openapi-fetch builds a `Request`, and a `Request` outside a browser
 * (tests, the mock server) cannot resolve a path without an origin.
 */
const apiBaseUrl = new URL(env.API_URL, globalThis.location?.origin ?? 'http://localhost').href;

/**
 * The longest `Retry-After` (of a 429 or 503 to a read) the browser waits out in silence. A reader
 * sits through a second or two of loading; a longer wait shows the error, with its "Try again".
 */
const MAX_SILENT_RETRY_WAIT_MS = 5000;

/** A client of `/api/v1` (`@inkwell/client`): the browser's (`api`) or the server renderer's. */
export type ApiClient = InkwellClient;

const endRefusedSession: Middleware = {
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

/**
 * The browser's client: paths relative to `/api/v1`, with the session's token as it is at each
 * call (sign-in, sign-out and other tabs change it).
 */
export const api = createInkwellClient({
  baseUrl: apiBaseUrl,
  token: getToken,
  retries: { maxDelayMs: MAX_SILENT_RETRY_WAIT_MS },
});
api.use(endRefusedSession);

/** How a fetcher is called: the query's abort signal, and the client (the browser's unless given). */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  client?: ApiClient | undefined;
}
