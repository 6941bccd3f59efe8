import type { UploadRateLimiter } from './asset-service.js';

export interface UploadRateLimit {
  /** Uploads allowed per user per window. */
  max: number;
  windowSeconds: number;
}

// Bounds the memory the counters can take; expired windows are swept when it is reached.
const MAX_TRACKED_USERS = 50_000;

/**
 * Counts upload attempts per user in fixed windows, in this process's memory. With several API
 * replicas each counts on its own, so a user gets at most `max` × replicas per window: upload
 * limits guard CPU and memory, which are per process too.
 */
export function createUploadRateLimiter(limit: UploadRateLimit, now: () => number = Date.now): UploadRateLimiter {
  const windows = new Map<number, { hits: number; resetAt: number }>();
  const windowMs = limit.windowSeconds * 1000;

  const sweep = (at: number): void => {
    for (const [owner, window] of windows) if (window.resetAt <= at) windows.delete(owner);
    // Still full of live windows: forget the oldest rather than grow without bound.
    for (const owner of windows.keys()) {
      if (windows.size < MAX_TRACKED_USERS) break;
      windows.delete(owner);
    }
  };

  return {
    async hit(ownerId) {
      const at = now();
      let window = windows.get(ownerId);
      if (!window || window.resetAt <= at) {
        if (!window && windows.size >= MAX_TRACKED_USERS) sweep(at);
        window = { hits: 0, resetAt: at + windowMs };
        windows.set(ownerId, window);
      }
      window.hits += 1;
      return {
        limited: window.hits > limit.max,
        retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - at) / 1000)),
      };
    },
  };
}
