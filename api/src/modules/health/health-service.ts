// Readiness: can we reach the database and the object store right now?
import type pg from 'pg';
import type { ObjectStore } from '../../storage/s3.js';

const DATABASE_TIMEOUT_MS = 1000;

export interface Check {
  status: 'up' | 'down';
  latencyMs: number;
}

export interface HealthReport {
  database: Check;
  objectStore: Check;
}

/** Runs both checks concurrently, each bounded by a short timeout. */
export async function checkHealth(db: pg.Pool, objectStore: ObjectStore): Promise<HealthReport> {
  const [database, store] = await Promise.all([checkDatabase(db), timed(() => objectStore.check())]);
  return { database, objectStore: store };
}

/** Whether a connection to the database answers a trivial query within a second. */
export function checkDatabase(db: pg.Pool): Promise<Check> {
  return timed(() => withTimeout(db.query('select 1'), DATABASE_TIMEOUT_MS));
}

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let status: Check['status'] = 'up';
  try {
    await check();
  } catch {
    status = 'down';
  }
  return { status, latencyMs: Math.round(performance.now() - started) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  promise.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
