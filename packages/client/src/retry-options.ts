// What the client retries and how: answers 429 (over a rate limit) and 503 (a dependency is down,
// or a search took too long), for the methods a caller allows, a bounded number of times.

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

export type ResolvedRetryOptions = Required<RetryOptions>;

/** What openapi-fetch calls to send a request (the second argument: its `requestInitExt`). */
export type SendRequest = (request: Request, init?: Record<string, unknown>) => Promise<Response>;

/** The answers worth sending the request again for. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);

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
