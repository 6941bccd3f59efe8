// createInkwellClient(): openapi-fetch on the contract's `paths`, with the token, a request id on
// every call and retries of 429 and 503 answers.
import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import { randomRequestId } from './request-id.js';
import { resolveRetryOptions, retryingFetch, type RetryOptions, type SendRequest } from './retrying-fetch.js';

export interface InkwellClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /**
   * The API's address with its `/api/v1`, such as `https://inkwell.example/api/v1`. In a browser a
   * path (`/api/v1`) works too; elsewhere it must be absolute.
   */
  baseUrl: string;
  /**
   * The `token` of a user from sign-up, sign-in or `GET /user`, sent as `Authorization: Token
   * <token>`; `setToken()` changes it. Without one (or with `''`), calls are anonymous.
   */
  token?: string | null | undefined;
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
  /** Sends `token` from the next call on; `null`, `undefined` or `''` signs the client out. */
  setToken(token: string | null | undefined): void;
  /** The token sent now, if any. */
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
  let token = initialToken || undefined;
  // Looked up at each call, not once: code that wraps `fetch` later (test mocks) still applies.
  const send: SendRequest = fetch ?? ((request, init) => globalThis.fetch(request, init as RequestInit | undefined));
  const client = createClient<paths>({
    ...clientOptions,
    fetch: retryingFetch(send, resolveRetryOptions(retries)),
  });

  const headers: Middleware = {
    onRequest({ request }) {
      if (token !== undefined && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Token ${token}`);
      }
      if (requestId && !request.headers.has('X-Request-Id')) request.headers.set('X-Request-Id', requestId());
      return request;
    },
  };
  client.use(headers);

  return Object.assign(client, {
    setToken(next: string | null | undefined): void {
      token = next || undefined;
    },
    getToken(): string | undefined {
      return token;
    },
  });
}
