// The single gateway to PostgreSQL: the pool, its type parsers, and query().
import pg from 'pg';
import type { Logger } from 'pino';

/** Anything that runs SQL: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** A SQL text with a statement name: PostgreSQL parses and plans it once per connection. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** Declares a named statement; the name must be unique per text. */
export function sql(name: string, text: string): Statement {
  return Object.freeze({ name, text });
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === pg.types.builtins.INT8) return parseBigint;
    if (oid === pg.types.builtins.TIMESTAMPTZ) return toIsoTimestamp;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

let logQuery: ((name: string, ms: number) => void) | null = null;

export interface PoolOptions {
  url: string;
  max: number;
  /** How long a request may wait for a connection before the database counts as unavailable. */
  connectionTimeoutMillis?: number;
  statementTimeoutMillis?: number;
  /**
   * The API announces its own writes to the read caches, after commit (http/read-cache.ts), so
   * its connections keep migration 0005's triggers quiet: a notifying transaction holds
   * PostgreSQL's notification lock through its commit's flush, and writers would queue on it.
   */
  announcesReads?: boolean;
}

/**
 * Creates the connection pool. Sessions run in UTC, so timestamps come back as ISO strings with
 * milliseconds and `Z`, and ids/counts (bigint) come back as numbers: they stay far below 2^53.
 *
 * Sessions also keep one generic plan per prepared statement. Every statement here is named and
 * written to walk an index whatever its parameters, but PostgreSQL's default (`auto`) goes on
 * planning some of them afresh on each call when it estimates a custom plan cheaper: for the
 * article lists that planning took 0.15–0.35 ms a request, two to four times the 0.1 ms the
 * query itself runs.
 */
export function createPool(options: PoolOptions, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMillis ?? 10_000,
    application_name: 'inkwell-api',
    options: `-c TimeZone=UTC -c plan_cache_mode=force_generic_plan${options.announcesReads ? ' -c inkwell.reads_notify=off' : ''}`,
    types,
  });
  // An idle client whose server went away (restart, failover) must not crash the process;
  // the pool drops it and connects anew on demand.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  if (logger.isLevelEnabled('debug')) {
    logQuery = (name, ms) => logger.debug({ statement: name, ms }, 'sql');
  }
  return pool;
}

/**
 * A connection of its own, outside the pool, for LISTEN (db/notifications.ts): a pooled client
 * would be handed to others between queries and forget what it listens to. Same session
 * settings as the pool; TCP keep-alive so a vanished server is noticed.
 */
export function createListenerClient(url: string, applicationName: string): pg.Client {
  return new pg.Client({
    connectionString: url,
    application_name: applicationName,
    options: '-c TimeZone=UTC',
    types,
    keepAlive: true,
    connectionTimeoutMillis: 2000,
  });
}

/** Runs a named statement and returns its rows; logs the statement name and timing, never values. */
export async function query<Row>(db: Queryable, statement: Statement, values: readonly unknown[] = []): Promise<Row[]> {
  const started = logQuery ? performance.now() : 0;
  const result = await db.query<Row & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values: values as unknown[],
  });
  logQuery?.(statement.name, performance.now() - started);
  return result.rows;
}

/** Runs a named statement and returns its first row, or null. */
export async function queryOne<Row>(
  db: Queryable,
  statement: Statement,
  values: readonly unknown[] = [],
): Promise<Row | null> {
  const rows = await query<Row>(db, statement, values);
  return rows[0] ?? null;
}

function parseBigint(value: string): number {
  return Number(value);
}

const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/** '2026-01-01 10:00:00.1234+00' → '2026-01-01T10:00:00.123Z' without building a Date. */
export function toIsoTimestamp(value: string): string {
  const match = TIMESTAMP.exec(value);
  if (!match) return new Date(value).toISOString();
  const millis = (match[5] ?? '').padEnd(3, '0').slice(0, 3);
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}.${millis}Z`;
}
