// Transactions: one client, BEGIN … COMMIT/ROLLBACK, released in finally.
import type pg from 'pg';
import { isDatabaseUnavailable, pgCode } from './errors.js';

// serialization_failure and deadlock_detected: the whole transaction may simply be run again.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

/**
 * Runs `fn` in a transaction on one pooled client. Commits when it resolves, rolls back when it
 * throws; retries the whole function on serialization failures and deadlocks.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The pool stops listening to a client while it is checked out: a server going away now
    // (restart, failover) would otherwise be an unhandled 'error' event.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('begin');
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      // A statement cancelled by its timeout (57014) leaves the connection fine: roll back and keep it.
      if (isDatabaseUnavailable(error) && pgCode(error) !== '57014') {
        broken = error as Error;
      } else {
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
      }
      if (!broken && attempt < MAX_ATTEMPTS && RETRYABLE.has(pgCode(error) ?? '')) continue;
      throw error;
    } finally {
      client.off('error', onError);
      // A client whose connection failed is destroyed rather than returned to the pool.
      client.release(broken);
    }
  }
}

/**
 * Runs `fn` inside a savepoint of an open transaction: when it throws, only its own work is
 * undone and the transaction stays usable.
 */
export async function withSavepoint<T>(tx: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await tx.query('savepoint inkwell_step');
  try {
    const result = await fn();
    await tx.query('release savepoint inkwell_step');
    return result;
  } catch (error) {
    await tx.query('rollback to savepoint inkwell_step');
    throw error;
  }
}
