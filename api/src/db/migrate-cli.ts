// Applies pending migrations and exits: `npm run migrate -w api` (DATABASE_URL from the environment).
import { loadConfig } from '../config.js';
import { runMigrations } from './migrate.js';

const config = loadConfig();
const log = (message: string): void => {
  process.stdout.write(`${message}\n`);
};
try {
  const applied = await runMigrations(config.database.url, { info: log, warn: log, error: log });
  log(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`);
} catch (error) {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
