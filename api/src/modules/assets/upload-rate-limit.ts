// Upload attempts per user, counted in the rate-limit table every API replica shares.
import type { Options } from 'express-rate-limit';
import type pg from 'pg';
import type { RateLimitRule } from '../../config.js';
import { PostgresRateLimitStore } from '../../db/rate-limit-store.js';
import type { UploadRateLimiter } from '../../deps.js';

/**
 * Counts every attempt, refused ones too: refusing a file also costs reading and sniffing it.
 * `rule` comes from RATE_LIMIT_UPLOADS; null (off) never limits.
 */
export function createUploadRateLimiter(db: pg.Pool, rule: RateLimitRule | null): UploadRateLimiter {
  if (rule === null) return { hit: async () => ({ limited: false, retryAfterSeconds: 0 }) };
  const store = new PostgresRateLimitStore(db, 'upload-user:');
  store.init({ windowMs: rule.windowSeconds * 1000 } as Options);
  return {
    async hit(ownerId) {
      const { totalHits, resetTime } = await store.increment(String(ownerId));
      const retryAfterSeconds = resetTime ? (resetTime.getTime() - Date.now()) / 1000 : rule.windowSeconds;
      return { limited: totalHits > rule.max, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) };
    },
  };
}
