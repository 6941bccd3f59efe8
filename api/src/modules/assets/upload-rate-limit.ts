// Upload attempts per user, counted in the rate-limit table every API replica shares.
import type { Options } from 'express-rate-limit';
import type pg from 'pg';
import { PostgresRateLimitStore } from '../../db/rate-limit-store.js';
import type { UploadRateLimiter } from '../../deps.js';

export interface UploadRateLimit {
  /** Upload attempts allowed per user per window. */
  max: number;
  windowSeconds: number;
}

/** Uploads per user per window: generous for writing an illustrated article, a brake on abuse. */
export const UPLOAD_RATE_LIMIT: UploadRateLimit = { max: 30, windowSeconds: 300 };

/** Counts every attempt, refused ones too: refusing a file also costs reading and sniffing it. */
export function createUploadRateLimiter(db: pg.Pool, limit = UPLOAD_RATE_LIMIT): UploadRateLimiter {
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
