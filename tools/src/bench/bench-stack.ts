// A throwaway stack for the benchmark: its own temporary data dir and free ports, PostgreSQL
// (embedded, or a fresh database on the server in DATABASE_URL), local S3, and ONE API process
// (`node api/dist/main.js`) configured as in production: NODE_ENV=production, LOG_LEVEL=warn, a
// JWT_SECRET from the development secrets of the temporary data dir. The API migrates the
// database itself at start-up. For the page targets, also ONE web renderer
// (`node web/dist-server/server.js`, calling that API) and the local nginx in front of both, with
// its micro-cache, as production serves the public pages.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@inkwell/local';
import pg from 'pg';
import { findNginxBinary, prepareLocalNginx } from '../nginx/render.js';
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
  'HOST',
  'PUBLIC_ORIGIN',
  'API_URL',
  'WEB_DIST',
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
  /** nginx in front of the API and the renderer, with `site`. */
  site?: {
    /** http://localhost:PORT, what a browser would open. */
    url: string;
    /** The renderer directly, past nginx and its cache. */
    rendererUrl: string;
    /** The renderer's process id, to read its CPU time and memory. */
    rendererPid: number;
    /** nginx's master process id (its workers are its children), to read their CPU time. */
    nginxPid: number;
  };
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Temporary directory for PostgreSQL and S3 data. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Also start the web renderer and nginx (the page targets). */
  site?: boolean;
  /** Where the API's output goes; default prefixed on our own stdout and stderr. */
  output?: OutputSink;
}

/** Starts the stack; on failure stops what had started. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const paths = repoPaths();
  if (!existsSync(paths.apiEntry)) throw new Error(`${paths.apiEntry} is missing: run \`npm run build\` first`);
  warnIfStale(paths.apiDir, options.log);
  const nginxBinary = findNginxBinary(options.env);
  if (options.site) {
    if (!existsSync(paths.webEntry)) throw new Error(`${paths.webEntry} is missing: run \`npm run build\` first`);
    if (!nginxBinary) throw new Error('the page targets need nginx (apt-get install nginx-light)');
  }

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
        // The write targets write as one reader, as fast as they can.
        RATE_LIMIT_WRITES: '1000000/1m',
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
    const site =
      options.site && nginxBinary ? await startSite(nginxBinary, inherited, port, options, stops) : undefined;
    return { apiUrl, databaseUrl, apiPid: api.child.pid, postgresDataDir, database, site, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The renderer, as in production, and nginx in front of it and the API; their stops join `stops`. */
async function startSite(
  nginxBinary: string,
  inherited: NodeJS.ProcessEnv,
  apiPort: number,
  options: BenchStackOptions,
  stops: Array<() => Promise<void>>,
): Promise<NonNullable<BenchStack['site']>> {
  const paths = repoPaths();
  const [port, webPort] = [await findFreePort(), await findFreePort()];
  const url = `http://localhost:${port}`;
  const renderer = spawnManaged('web', process.execPath, [paths.webEntry], {
    cwd: path.dirname(path.dirname(paths.webEntry)),
    env: {
      ...inherited,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(webPort),
      PUBLIC_ORIGIN: url,
      API_URL: `http://127.0.0.1:${apiPort}/api/v1`,
      WEB_DIST: paths.webDist,
    },
    output: prefixedOutput,
  });
  stops.push(async () => {
    await renderer.stop('SIGTERM', 10_000);
  });
  const rendererUrl = `http://127.0.0.1:${webPort}`;
  await waitForHttpOk(`${rendererUrl}/healthz`, { timeoutMs: 60_000, process: renderer });
  if (renderer.child.pid === undefined) throw new Error('the renderer process has no pid');

  const local = await prepareLocalNginx(paths.nginxSource, path.join(options.dataDir, 'nginx'), {
    port,
    apiUpstreams: [`127.0.0.1:${apiPort}`],
    webUpstreams: [`127.0.0.1:${webPort}`],
    webRoot: paths.webDist,
    assetOrigins: [],
  });
  const nginx = spawnManaged('nginx', nginxBinary, local.args, {
    cwd: local.prefixDir,
    env: inherited,
    output: prefixedOutput,
  });
  stops.push(async () => {
    await nginx.stop('SIGQUIT', 10_000);
  });
  await waitForHttpOk(`http://127.0.0.1:${port}/api/v1/health`, { timeoutMs: 15_000, process: nginx });
  options.log(`site at ${url}: nginx → renderer ${rendererUrl} (NODE_ENV=production) → API`);
  if (nginx.child.pid === undefined) throw new Error('nginx has no pid');
  return { url, rendererUrl, rendererPid: renderer.child.pid, nginxPid: nginx.child.pid };
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
