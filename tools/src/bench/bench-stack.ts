// A throwaway stack for the benchmark: its own temporary data dir and free ports, PostgreSQL
// (embedded, or a fresh database on the server in DATABASE_URL), local S3, and ONE API process
// (`node api/dist/main.js`) configured as in production: NODE_ENV=production, LOG_LEVEL=warn, a
// JWT_SECRET from the development secrets of the temporary data dir. The API migrates the
// database itself at start-up.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@inkwell/local';
import pg from 'pg';
import { repoPaths } from '../paths.js';
import { prefixedOutput, spawnManaged, waitForHttpOk } from '../processes.js';
import type { ManagedProcess, OutputSink } from '../processes.js';
import { startBackingServices } from '../services.js';

/** What the API reads from the environment; the benchmark sets each itself, inheriting none. */
const API_VARIABLES = [
  'DATABASE_URL',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_FORCE_PATH_STYLE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'ASSET_PUBLIC_BASE_URL',
  'JWT_SECRET',
  'PORT',
  'LOG_LEVEL',
  'CORS_ORIGINS',
  'WEB_DIST_DIR',
  'NODE_ENV',
  'DEFAULT_AVATAR_URL',
];

export interface BenchStack {
  /** http://127.0.0.1:PORT/api/v1 */
  apiUrl: string;
  databaseUrl: string;
  /** The API's process id, to read its CPU time. */
  apiPid: number;
  /** The embedded PostgreSQL's data dir, to read its CPU time; null with DATABASE_URL. */
  postgresDataDir: string | null;
  /** How the database was provided, for the report. */
  database: string;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Temporary directory for PostgreSQL and S3 data. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Where the API's output goes; default prefixed on our own stdout and stderr. */
  output?: OutputSink;
}

/** Starts the stack; on failure stops what had started. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const paths = repoPaths();
  if (!existsSync(paths.apiEntry)) throw new Error(`${paths.apiEntry} is missing: run \`npm run build\` first`);
  warnIfStale(paths.apiDir, options.log);

  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const fn of stops.splice(0).reverse())
      await fn().catch((error: unknown) => options.log(`stopping: ${String(error)}`));
  };
  try {
    const serviceEnv: NodeJS.ProcessEnv = {};
    let database = 'embedded PostgreSQL (temporary data dir)';
    if (options.env.DATABASE_URL) {
      const fresh = await createFreshDatabase(options.env.DATABASE_URL);
      stops.push(fresh.drop);
      serviceEnv.DATABASE_URL = fresh.url;
      database = `fresh database ${fresh.name} on the DATABASE_URL server`;
    }
    const services = await startBackingServices({
      dataDir: options.dataDir,
      env: serviceEnv,
      postgresPort: 0,
      s3Port: 0,
      corsOrigins: [],
      log: options.log,
    });
    stops.push(() => services.stop());
    const databaseUrl = services.env.DATABASE_URL ?? serviceEnv.DATABASE_URL!;

    const port = await findFreePort();
    const inherited = Object.fromEntries(Object.entries(options.env).filter(([name]) => !API_VARIABLES.includes(name)));
    const api: ManagedProcess = spawnManaged('api', process.execPath, [paths.apiEntry], {
      cwd: paths.apiDir,
      env: {
        ...inherited,
        ...services.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        // Raised for the benchmark, which measures the API's own cost: all its load comes from one
        // address (the search limit would answer 429 instead of searching), and its seeding user
        // uploads the images again on a reseed (over the upload limit within five minutes).
        RATE_LIMIT_SEARCH: '1000000/1m',
        RATE_LIMIT_UPLOADS: '1000/5m',
      },
      output: options.output ?? prefixedOutput,
    });
    stops.push(async () => {
      await api.stop('SIGTERM', 15_000);
    });
    const apiUrl = `http://127.0.0.1:${port}/api/v1`;
    await waitForHttpOk(`${apiUrl}/health`, { timeoutMs: 60_000, process: api });
    if (api.child.pid === undefined) throw new Error('the API process has no pid');
    const postgresDataDir = services.started.postgres ? path.join(options.dataDir, 'postgres') : null;
    return { apiUrl, databaseUrl, apiPid: api.child.pid, postgresDataDir, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A new, empty database on the server of `serverUrl`, and how to drop it again. */
async function createFreshDatabase(
  serverUrl: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `inkwell_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** The built API is what gets measured: say so when the sources are newer. */
function warnIfStale(apiDir: string, log: (line: string) => void): void {
  const built = statSync(path.join(apiDir, 'dist', 'main.js')).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  if (newest(path.join(apiDir, 'src')) > built) {
    log('warning: api/src is newer than api/dist: this measures the last build (npm run build -w api)');
  }
}
