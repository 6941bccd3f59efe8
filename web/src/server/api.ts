import { createInkwellClient } from '@inkwell/client';

import type { ApiClient } from '@/lib/api-client';

/*
 * The renderer's client of /api/v1: the app's own client (@inkwell/client, as the browser's in
 * lib/api-client.ts), made per page request so that every call carries that request's
 * X-Request-Id (the API logs it: one id joins nginx's, the renderer's and the API's lines) and
 * gives up after `timeoutMs`. It never retries: a page the API cannot give at once is better left
 * to nginx, which answers with the app instead (the browser then asks, and retries, itself).
 *
 * API_URL points at the API replicas directly (in production: the internal address that balances
 * over them), not at nginx. Through nginx every page would cost a second pass through the edge and
 * its limits, the renderer's own calls would compete with readers for nginx's connections, and a
 * busy or failing edge would slow the very pages it is waiting on. The API is stateless, so any
 * replica answers. The renderer sends no cookie and no Authorization: it only reads what an
 * anonymous reader may read. It does say whom it asks for (`X-Forwarded-For`, as a proxy does):
 * the API limits some reads per client address (searches), and every page would otherwise count
 * against the renderer's own.
 */

export interface ServerApiOptions {
  baseUrl: string;
  requestId: string;
  timeoutMs: number;
  /** The reader's address and the proxies it came through, for the API's per-address limits. */
  forwardedFor?: string | undefined;
  /** Told how each call ended (the renderer's metrics). */
  onCall?: ((outcome: ApiCallOutcome) => void) | undefined;
}

/** How a call ended: answered (by the status's class), too slow (timeoutMs), or not at all. */
export type ApiCallOutcome = 'ok' | 'client_error' | 'server_error' | 'timeout' | 'unreachable';

function answeredOutcome(status: number): ApiCallOutcome {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'client_error' : 'ok';
}

/** Thrown for a call that got no answer: the API is down, unreachable, or slower than the timeout. */
export class ApiUnavailableError extends Error {
  constructor(options?: ErrorOptions) {
    super('the API did not answer in time', options);
    this.name = 'ApiUnavailableError';
  }
}

export function createServerApi({ baseUrl, requestId, timeoutMs, forwardedFor, onCall }: ServerApiOptions): ApiClient {
  return createInkwellClient({
    baseUrl,
    requestId: () => requestId,
    retries: false,
    headers: {
      Accept: 'application/json',
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
    fetch: async (request) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([request.signal, timeout]);
      try {
        // Looked up per call, as the browser's client does: tests answer it from the mock API.
        const response = await globalThis.fetch(new Request(request, { signal }));
        onCall?.(answeredOutcome(response.status));
        return response;
      } catch (error) {
        onCall?.(timeout.aborted ? 'timeout' : 'unreachable');
        throw new ApiUnavailableError({ cause: error });
      }
    },
  });
}
