// Upload attempts per user, counted in the rate-limit table every API replica shares.
import type { Options } from 'express-rate-limit';
import type pg from 'pg';
import { PostgresRateLimitStore } from '../../db/rate-limit-store.js';
import type { UploadRateLimiter } from './asset-service.js';

export interface UploadRateLimit {
  /** Upload attempts allowed per user per window. */
  max: number;
  windowSeconds: number;
}

/** Counts every attempt, refused ones too: refusing a file also costs reading and sniffing it. */
export function createUploadRateLimiter(db: pg.Pool, limit: UploadRateLimit): UploadRateLimiter {
  const store = new PostgresRateLimitStore(db, 'upload-user:');
  store.init({ windowMs: limit.windowSeconds * 1000 } as Options);
  return {
    async hit(ownerId) {
      const { totalHits, resetTime } = await store.increment(String(ownerId));
      const retryAfterSeconds = resetTime ? (resetTime.getTime() - Date.now()) / 1000 : limit.windowSeconds;
      return { limited: totalHits > limit.max, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) };
    },
  };
}
