// Sends a request again when the API answers 429 (over a rate limit) or 503 (a dependency is
// down, or a search took too long): after as long as its `Retry-After` asks, else after a backoff
// that doubles, for a bounded number of attempts, and only for the methods a caller allows.

/** How the client retries answers of 429 and 503. */
export interface RetryOptions {
  /** How often one call may be sent again after its first attempt; default 2 (three attempts in all); 0 for never. */
  retries?: number;
  /**
   * The methods that are retried; default `['GET', 'HEAD']`. PUT and DELETE are idempotent in HTTP
   * and may be added. A retried PUT or DELETE can still meet a changed state (a deleted article
   * answers 404 the second time); POST creates, so is best left out.
   */
  methods?: readonly string[];
  /** The first wait when an answer has no `Retry-After`, doubled at each attempt (with jitter); default 500 ms. */
  baseDelayMs?: number;
  /**
   * The longest one wait may be; default 30 000 ms. When `Retry-After` asks for longer, the client
   * does not retry early: it returns that answer.
   */
  maxDelayMs?: number;
}

type ResolvedRetryOptions = Required<RetryOptions>;

/** What openapi-fetch calls to send a request (the second argument: its `requestInitExt`). */
export type SendRequest = (request: Request, init?: Record<string, unknown>) => Promise<Response>;

const RETRY_STATUSES = new Set([429, 503]);
const DEFAULTS: ResolvedRetryOptions = { retries: 2, methods: ['GET', 'HEAD'], baseDelayMs: 500, maxDelayMs: 30_000 };

/** The options in full: a number is a count of retries, `false` turns them off. */
export function resolveRetryOptions(retries: number | RetryOptions | false | undefined): ResolvedRetryOptions {
  const given: RetryOptions =
    retries === false ? { retries: 0 } : typeof retries === 'number' ? { retries } : (retries ?? {});
  const resolved: ResolvedRetryOptions = {
    retries: given.retries ?? DEFAULTS.retries,
    methods: given.methods ?? DEFAULTS.methods,
    baseDelayMs: given.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: given.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  // Bounded by design: a count that is not a whole number (Infinity, NaN) would never stop.
  if (!Number.isInteger(resolved.retries) || resolved.retries < 0) {
    throw new RangeError(`retries must be a whole number of at least 0 (got ${resolved.retries})`);
  }
  return resolved;
}

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

/** `send`, retrying 429 and 503 answers as `options` say. The request's signal also ends a wait. */
export function retryingFetch(send: SendRequest, options: ResolvedRetryOptions): SendRequest {
  const methods = new Set(options.methods.map((method) => method.toUpperCase()));
  if (options.retries <= 0 || methods.size === 0) return send;
  return async (request, init) => {
    if (!methods.has(request.method)) return send(request, init);
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt >= options.retries;
      // A body can be read once: every attempt but the last sends a copy.
      const response = await send(last ? request : request.clone(), init);
      if (last || !RETRY_STATUSES.has(response.status)) return response;
      const delay = delayBeforeRetry(response, attempt, options);
      if (delay === undefined) return response;
      await response.body?.cancel().catch(() => undefined);
      await wait(delay, request.signal);
    }
  };
}
