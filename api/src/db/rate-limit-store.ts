// An express-rate-limit store in PostgreSQL, so every API replica counts against the same limit.
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type pg from 'pg';
import { type Queryable, query, queryOne, sql } from './pool.js';

interface HitsRow {
  hits: number;
  resetAt: string;
}

// A fixed window per key: the first hit opens it, later hits count until reset_at.
const INCREMENT = sql(
  'rate-limits.increment',
  `insert into rate_limits as r (key, hits, reset_at)
   values ($1, 1, now() + make_interval(secs => $2 / 1000.0))
   on conflict (key) do update
     set hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
         reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
   returning hits, reset_at as "resetAt"`,
);
const GET = sql(
  'rate-limits.get',
  'select hits, reset_at as "resetAt" from rate_limits where key = $1 and reset_at > now()',
);
const DECREMENT = sql(
  'rate-limits.decrement',
  'update rate_limits set hits = greatest(hits - 1, 0) where key = $1 and reset_at > now()',
);
const RESET = sql('rate-limits.reset', 'delete from rate_limits where key = $1');
const SWEEP = sql('rate-limits.sweep', 'delete from rate_limits where reset_at < now()');
// Expired windows are deleted now and then by whoever increments, not by a timer.
const SWEEP_EVERY = 200;

/** A rate-limit store backed by the `rate_limits` table; keys are namespaced by `prefix`. */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private increments = 0;

  constructor(
    private readonly db: pg.Pool,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await queryOne<HitsRow>(this.db, GET, [this.prefix + key]);
    return row ? { totalHits: row.hits, resetTime: new Date(row.resetAt) } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    this.increments += 1;
    if (this.increments % SWEEP_EVERY === 0) void sweep(this.db);
    const row = (await queryOne<HitsRow>(this.db, INCREMENT, [this.prefix + key, this.windowMs]))!;
    return { totalHits: row.hits, resetTime: new Date(row.resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await query(this.db, DECREMENT, [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await query(this.db, RESET, [this.prefix + key]);
  }
}

async function sweep(db: Queryable): Promise<void> {
  await query(db, SWEEP).catch(() => undefined);
}
