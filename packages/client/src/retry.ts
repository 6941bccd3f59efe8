// The retries of a call the API answered 429 or 503: each after as long as the answer's
// `Retry-After` asks, else after a backoff that doubles, up to the allowed number. Loaded by
// retrying-fetch.ts with a call's first retry, not before.
import { RETRY_STATUSES, type ResolvedRetryOptions, type SendRequest } from './retry-options.js';

/** Milliseconds a `Retry-After` value (seconds, or an HTTP date) asks to wait; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its month; Date.parse alone would also take `-1` for a year.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function delayBeforeRetry(response: Response, attempt: number, options: ResolvedRetryOptions): number | undefined {
  const asked = retryAfterMs(response.headers.get('Retry-After'));
  if (asked !== undefined) return asked <= options.maxDelayMs ? asked : undefined;
  const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  // Half fixed, half random: clients turned away together do not all come back together.
  return backoff / 2 + Math.random() * (backoff / 2);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Sends `request` again after `first`, its answer of 429 or 503, until an answer is neither, the
 * retries run out, or `Retry-After` asks for longer than allowed; resolves to the last answer.
 */
export async function retry(
  send: SendRequest,
  request: Request,
  init: Record<string, unknown> | undefined,
  first: Response,
  options: ResolvedRetryOptions,
): Promise<Response> {
  let response = first;
  for (let attempt = 0; attempt < options.retries; attempt += 1) {
    const delay = delayBeforeRetry(response, attempt, options);
    if (delay === undefined) return response;
    // Let go of the answer's body, without waiting: a body that was cloned (by a test's mock, a
    // logging fetch) finishes cancelling only when its clone is read too, which may be never.
    response.body?.cancel().catch(() => undefined);
    await wait(delay, request.signal);
    // A body can be read once: every attempt but the last sends a copy.
    const last = attempt + 1 >= options.retries;
    response = await send(last ? request : request.clone(), init);
    if (!RETRY_STATUSES.has(response.status)) return response;
  }
  return response;
}
