// The API's rate-limited operations and the 429 each answers over its limit (api/src/http/
// rate-limits.ts, the upload limit in the assets module), so the network controls can make the
// mocks refuse exactly those requests, in the API's words, when asked for 429s.
import type { components } from '@inkwell/openapi';

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

interface RateLimit {
  method: string;
  /** The path below /api/v1. */
  path: RegExp;
  /** Only requests this says are counted (searches, not every list). */
  counts?: (url: URL) => boolean;
  topic: string;
  message: string;
}

const WRITES = 'is making too many changes, retry later';

const RATE_LIMITS: readonly RateLimit[] = [
  { method: 'POST', path: /^\/users$/, topic: 'user', message: 'too many sign-ups from this address, retry later' },
  {
    method: 'POST',
    path: /^\/users\/login$/,
    topic: 'credentials',
    message: 'too many failed sign-in attempts, retry later',
  },
  {
    method: 'GET',
    path: /^\/articles$/,
    counts: (url) => url.searchParams.has('q'),
    topic: 'search',
    message: 'too many searches from this address, retry later',
  },
  { method: 'POST', path: /^\/assets$/, topic: 'file', message: 'too many uploads, retry later' },
  // Writes, per account and all together.
  { method: 'POST', path: /^\/articles$/, topic: 'account', message: WRITES },
  { method: 'PUT', path: /^\/articles\/[^/]+$/, topic: 'account', message: WRITES },
  { method: 'DELETE', path: /^\/articles\/[^/]+$/, topic: 'account', message: WRITES },
  { method: 'POST', path: /^\/articles\/[^/]+\/comments$/, topic: 'account', message: WRITES },
  { method: 'DELETE', path: /^\/articles\/[^/]+\/comments\/[^/]+$/, topic: 'account', message: WRITES },
  { method: 'POST', path: /^\/articles\/[^/]+\/favorite$/, topic: 'account', message: WRITES },
  { method: 'DELETE', path: /^\/articles\/[^/]+\/favorite$/, topic: 'account', message: WRITES },
  { method: 'POST', path: /^\/profiles\/[^/]+\/follow$/, topic: 'account', message: WRITES },
  { method: 'DELETE', path: /^\/profiles\/[^/]+\/follow$/, topic: 'account', message: WRITES },
];

/** Seconds a refused client is told to wait; the API says how long its window still runs. */
const RETRY_AFTER_SECONDS = 60;

/**
 * The API's 429 for this request, or null when the API never limits it (`GET /articles/feed`,
 * `GET /user`, a list without `q` …). `apiPath` is the path below /api/v1.
 */
export function rateLimitRefusal(
  method: string,
  apiPath: string,
  url: URL,
): { body: ErrorEnvelope; retryAfterSeconds: number } | null {
  const limit = RATE_LIMITS.find(
    (candidate) =>
      candidate.method === method.toUpperCase() && candidate.path.test(apiPath) && (candidate.counts?.(url) ?? true),
  );
  return limit
    ? { body: { errors: { [limit.topic]: [limit.message] } }, retryAfterSeconds: RETRY_AFTER_SECONDS }
    : null;
}
