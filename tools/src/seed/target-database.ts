// Which database the seed command writes to, brought up to date with the API's migrations.
// DATABASE_URL when set; otherwise the embedded PostgreSQL that `npm start` uses (.data/postgres,
// port 54329, database `inkwell`): the running one when `npm start` has it up, else started here
// for the duration of the seed.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_POSTGRES_PORT, embeddedPostgresUrl, startEmbeddedPostgres } from '@inkwell/local';
import pg from 'pg';
import { repoPaths, runningFromSource } from '../paths.js';
import { prefixedOutput, runToCompletion } from '../processes.js';
import { DATABASE_NAME } from '../services.js';

export interface TargetDatabase {
  url: string;
  /** Where it came from, for the log. */
  description: string;
  /** Stops the embedded server if it was started here. */
  close(): Promise<void>;
}

/** Finds or starts the database (see above). */
export async function openTargetDatabase(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<TargetDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: 'DATABASE_URL', close: async () => undefined };

  const paths = repoPaths();
  const dataDir = path.join(paths.dataDir, 'postgres');
  const running = await runningServerPort(dataDir);
  if (running !== undefined) {
    // Another process (npm start) started it, with the same local-only credentials.
    const url = embeddedPostgresUrl(running, DATABASE_NAME);
    if (await answers(url))
      return { url, description: `the running embedded PostgreSQL (port ${running})`, close: async () => undefined };
  }

  log(`starting embedded PostgreSQL (${dataDir})`);
  const postgres = await startEmbeddedPostgres({ dataDir, port: DEFAULT_POSTGRES_PORT });
  try {
    await postgres.createDatabase(DATABASE_NAME);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    url: postgres.urlFor(DATABASE_NAME),
    description: `embedded PostgreSQL in ${dataDir}`,
    close: () => postgres.stop(),
  };
}

/** The port in postmaster.pid (line 4) when that server process is alive. */
async function runningServerPort(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const [pidLine, , , portLine] = text.split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Applies the API's pending migrations with its own runner (built, or from source under tsx). */
export async function migrate(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<void> {
  const paths = repoPaths();
  const source = path.join(paths.apiDir, 'src', 'db', 'migrate-cli.ts');
  const [args, what] = existsSync(paths.migrateCli)
    ? [[paths.migrateCli], paths.migrateCli]
    : runningFromSource && existsSync(source)
      ? [['--import', 'tsx', source], source]
      : [undefined, paths.migrateCli];
  if (!args) throw new Error(`${what} is missing: run \`npm run build\` first`);
  await runToCompletion('migrate', process.execPath, args, {
    cwd: paths.apiDir,
    env: { ...env, DATABASE_URL: databaseUrl },
    output: (source, line, stream) => {
      if (stream === 'stderr') prefixedOutput(source, line, stream);
    },
  });
}
