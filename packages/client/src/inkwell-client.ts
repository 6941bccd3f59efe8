// createInkwellClient(): openapi-fetch on the contract's `paths`, with the token, a request id on
// every call and retries of 429 and 503 answers.
import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import { randomRequestId } from './request-id.js';
import { resolveRetryOptions, type RetryOptions, type SendRequest } from './retry-options.js';
import { retryingFetch } from './retrying-fetch.js';

/** A token, none, or a function that gives the token (or none) at each call. */
export type TokenSource = string | null | undefined | (() => string | null | undefined);

export interface InkwellClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /**
   * The API's address with its `/api/v1`, such as `https://inkwell.example/api/v1`. In a browser a
   * path (`/api/v1`) works too; elsewhere it must be absolute.
   */
  baseUrl: string;
  /**
   * The `token` of a user from sign-up, sign-in or `GET /user`, sent as `Authorization: Token
   * <token>`; `setToken()` changes it. Without one (or with `''`), calls are anonymous. A function
   * is asked at every call: for an app that keeps its session elsewhere (storage shared by tabs).
   */
  token?: TokenSource;
  /**
   * Retries of answers 429 and 503, honouring `Retry-After`: a number of retries, options, or
   * `false` for none. Default: GET and HEAD, up to 2 retries, at most 30 s a wait.
   */
  retries?: number | RetryOptions | false | undefined;
  /**
   * Makes the `X-Request-Id` of each call (default: a random UUID), kept on its retries; `false`
   * sends none. A call that sets the header itself keeps its own.
   */
  requestId?: (() => string) | false | undefined;
}

/** An openapi-fetch client typed by the contract (`GET`, `POST`, `PUT`, `DELETE`, …) with its token. */
export interface InkwellClient extends Client<paths> {
  /**
   * Sends `token` from the next call on (a function: what it gives at each call); `null`,
   * `undefined` or `''` signs the client out.
   */
  setToken(token: TokenSource): void;
  /** The token a call would send now, if any. */
  getToken(): string | undefined;
}

/**
 * A client of the Inkwell API:
 *
 *     const client = createInkwellClient({ baseUrl: 'https://inkwell.example/api/v1', token });
 *     const { data, error } = await client.GET('/articles/{slug}', { params: { path: { slug } } });
 */
export function createInkwellClient(options: InkwellClientOptions): InkwellClient {
  const { token: initialToken, retries, requestId = randomRequestId, fetch, ...clientOptions } = options;
  let token = initialToken;
  const currentToken = (): string | undefined => (typeof token === 'function' ? token() : token) || undefined;
  // Looked up at each call, not once: code that wraps `fetch` later (test mocks) still applies.
  const send: SendRequest = fetch ?? ((request, init) => globalThis.fetch(request, init as RequestInit | undefined));
  const client = createClient<paths>({
    ...clientOptions,
    fetch: retryingFetch(send, resolveRetryOptions(retries)),
  });

  const headers: Middleware = {
    onRequest({ request }) {
      const sent = currentToken();
      if (sent !== undefined && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Token ${sent}`);
      }
      if (requestId && !request.headers.has('X-Request-Id')) request.headers.set('X-Request-Id', requestId());
      return request;
    },
  };
  client.use(headers);

  return Object.assign(client, {
    setToken(next: TokenSource): void {
      token = next;
    },
    getToken: currentToken,
  });
}
