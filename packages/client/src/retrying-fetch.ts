// Sends a request again when the API answers 429 or 503 (see retry-options.ts). The first attempt
// is all most calls ever make, so the retries themselves (the waits, the further attempts) are in
// retry.ts, loaded with the first one: a browser app does not download them with its first screen.
import { RETRY_STATUSES, type ResolvedRetryOptions, type SendRequest } from './retry-options.js';

/** `send`, retrying 429 and 503 answers as `options` say. The request's signal also ends a wait. */
export function retryingFetch(send: SendRequest, options: ResolvedRetryOptions): SendRequest {
  const methods = new Set(options.methods.map((method) => method.toUpperCase()));
  if (options.retries <= 0 || methods.size === 0) return send;
  return async (request, init) => {
    if (!methods.has(request.method)) return send(request, init);
    // A body can be read once: the first attempt sends a copy, the request stays for the retries.
    const response = await send(request.clone(), init);
    if (!RETRY_STATUSES.has(response.status)) return response;
    const { retry } = await import('./retry.js');
    return retry(send, request, init, response, options);
  };
}
