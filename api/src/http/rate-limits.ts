// Rate limits per operation, counted in the table every replica shares. They run after the
// request has been validated and its caller authenticated, so a key is only ever built from
// validated, bounded values: a client address, a user id, or a hash of a validated email.
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, type Options } from 'express-rate-limit';
import type pg from 'pg';
import type { RateLimitRule, RateLimits } from '../config.js';
import { PostgresRateLimitStore } from '../db/rate-limit-store.js';
import { tooManyRequests } from '../errors.js';
import type { OperationId } from './operation.js';

/** Middlewares that run between validation and an operation's handler. */
export type OperationGuards = Partial<Record<OperationId, RequestHandler[]>>;

/** Called for each request a limit refuses, with the limit's name (as in RateLimits). */
export type RateLimitRejected = (limit: keyof RateLimits) => void;

interface Limit {
  /** Which of the configured limits this is: its rule, and its name in metrics. */
  name: keyof RateLimits;
  /** Namespaces the keys of this limit in the shared table. */
  prefix: string;
  /** The key to count the request under; null = this request is not counted. */
  key: (req: Request) => string | null;
  topic: string;
  message: string;
  /** Count only answers of 400 and above (a sign-in that succeeds costs nothing). */
  onlyFailures?: boolean;
}

/** Operations that change what others see, limited per account. */
const WRITES: readonly OperationId[] = [
  'createArticle',
  'updateArticle',
  'deleteArticle',
  'createArticleComment',
  'deleteArticleComment',
  'favoriteArticle',
  'unfavoriteArticle',
  'followProfile',
  'unfollowProfile',
];

/** The rate-limit guards of every limited operation, from the configured rules. */
export function rateLimitGuards(db: pg.Pool, limits: RateLimits, rejected: RateLimitRejected): OperationGuards {
  const guard = (...specs: Limit[]): RequestHandler[] =>
    specs.flatMap((spec) => {
      const rule = limits[spec.name];
      return rule === null ? [] : [limiter(db, spec, rule, rejected)];
    });

  const writes = guard({
    name: 'writes',
    prefix: 'writes-user:',
    key: (req) => (req.user ? String(req.user.id) : null),
    topic: 'account',
    message: 'is making too many changes, retry later',
  });
  return {
    createUser: guard({
      name: 'signUp',
      prefix: 'sign-up-address:',
      key: clientAddress,
      topic: 'user',
      message: 'too many sign-ups from this address, retry later',
    }),
    loginUser: guard(
      {
        name: 'signInAccount',
        prefix: 'login-account:',
        key: (req) => `${clientAddress(req)}|${accountOf(req)}`,
        topic: 'credentials',
        message: 'too many failed sign-in attempts, retry later',
        onlyFailures: true,
      },
      {
        name: 'signInAddress',
        prefix: 'login-address:',
        key: clientAddress,
        topic: 'credentials',
        message: 'too many failed sign-in attempts, retry later',
        onlyFailures: true,
      },
    ),
    listArticles: guard({
      name: 'search',
      prefix: 'search-address:',
      key: (req) => (typeof req.query.q === 'string' ? clientAddress(req) : null),
      topic: 'search',
      message: 'too many searches from this address, retry later',
    }),
    ...Object.fromEntries(WRITES.map((id) => [id, writes])),
  };
}

/** The client's address (IPv6 by its /56 network), as `trust proxy` resolved it. */
function clientAddress(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

/** The sign-in's email, validated by then (at most 254 characters), hashed: no address is stored. */
function accountOf(req: Request): string {
  const email = (req.body as { user: { email: string } }).user.email.trim().toLowerCase();
  return createHash('sha256').update(email).digest('base64url');
}

function limiter(db: pg.Pool, spec: Limit, rule: RateLimitRule, rejected: RateLimitRejected): RequestHandler {
  const store = new PostgresRateLimitStore(db, spec.prefix);
  store.init({ windowMs: rule.windowSeconds * 1000 } as Options);
  return (req, res, next) => {
    const key = spec.key(req);
    if (key === null) {
      next();
      return;
    }
    store.increment(key).then(({ totalHits, resetTime }) => {
      if (totalHits > rule.max) {
        rejected(spec.name);
        const seconds = resetTime ? (resetTime.getTime() - Date.now()) / 1000 : rule.windowSeconds;
        next(tooManyRequests(spec.topic, spec.message, seconds));
        return;
      }
      if (spec.onlyFailures) {
        res.on('finish', () => {
          if (res.statusCode < 400) void store.decrement(key).catch(() => undefined);
        });
      }
      next();
    }, next);
  };
}
