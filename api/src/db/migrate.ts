// Applies the SQL migrations in ./migrations (node-pg-migrate), all pending ones in one transaction.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The folder of NNNN_name.sql files, next to this module in src/ and in dist/. */
export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Brings the database at `databaseUrl` up to date. Concurrent callers (several replicas starting
 * at once) wait on node-pg-migrate's advisory lock, so each migration runs exactly once.
 * Resolves with the names of the migrations it applied.
 */
export async function runMigrations(databaseUrl: string, logger?: MigrationLogger): Promise<string[]> {
  if (!existsSync(migrationsDir)) throw new Error(`migrations folder missing: ${migrationsDir}`);
  const quiet = (): void => undefined;
  const applied = await runner({
    databaseUrl,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    checkOrder: true,
    advisoryLockMode: 'wait',
    logger: {
      debug: quiet,
      info: logger ? (message) => logger.info(message) : quiet,
      warn: logger ? (message) => logger.warn(message) : quiet,
      error: logger ? (message) => logger.error(message) : quiet,
    },
  });
  return applied.map((migration) => migration.name);
}
