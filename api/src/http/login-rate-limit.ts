// Failed sign-ins are limited per client address and account, and per address alone, in a
// store shared by all replicas. Successful sign-ins do not count.
import type { RequestHandler } from 'express';
import { type AugmentedRequest, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type pg from 'pg';
import { PostgresRateLimitStore } from '../db/rate-limit-store.js';
import { tooManyRequests } from '../errors.js';

const WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per (address, email) and per address in one window. */
export const LOGIN_LIMITS = { perAccount: 10, perAddress: 100 } as const;

/** The middlewares to put in front of POST /users/login. */
export function loginRateLimiters(db: pg.Pool): RequestHandler[] {
  const emailOf = (body: unknown): string => {
    const email = (body as { user?: { email?: unknown } } | undefined)?.user?.email;
    return typeof email === 'string' ? email.trim().toLowerCase() : '';
  };
  const common = {
    windowMs: WINDOW_MS,
    skipSuccessfulRequests: true,
    standardHeaders: false,
    legacyHeaders: false,
    handler: ((req, _res, next) => {
      const resetTime = (req as AugmentedRequest).rateLimit?.resetTime;
      const seconds = resetTime ? (resetTime.getTime() - Date.now()) / 1000 : WINDOW_MS / 1000;
      next(tooManyRequests('credentials', 'too many failed sign-in attempts, retry later', seconds));
    }) satisfies RequestHandler,
  } as const;
  return [
    rateLimit({
      ...common,
      limit: LOGIN_LIMITS.perAccount,
      store: new PostgresRateLimitStore(db, 'login-account:'),
      keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? 'unknown')}|${emailOf(req.body)}`,
    }),
    rateLimit({
      ...common,
      limit: LOGIN_LIMITS.perAddress,
      store: new PostgresRateLimitStore(db, 'login-address:'),
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    }),
  ];
}
