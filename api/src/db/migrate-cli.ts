// Applies pending migrations and exits: `npm run migrate -w api` (DATABASE_URL from the environment).
import { loadDatabaseUrl } from '../config.js';
import { runMigrations } from './migrate.js';

const log = (message: string): void => {
  process.stdout.write(`${message}\n`);
};
try {
  const applied = await runMigrations(loadDatabaseUrl(), { info: log, warn: log, error: log });
  log(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`migration failed: ${reason}\n`);
  process.exitCode = 1;
}
