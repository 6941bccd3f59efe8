// A whole Inkwell (stack.ts) for one test file or one measurement, sealed off from the machine it
// runs on: a temporary data dir, free ports, its own PostgreSQL (embedded, or a fresh database on
// a server the caller names) and local S3, and none of the variables that would point it at other
// services. Every output line is kept, so a failed start says why. Stopping it stops everything,
// drops the database and removes the data dir.
//
// The end-to-end tests, the Lighthouse site and @inkwell/client's pack test start one.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { OutputSink } from './processes.js';
import { type Stack, type StackOptions, startStack } from './stack.js';

export interface OutputLine {
  source: string;
  line: string;
  stream: 'stdout' | 'stderr';
}

export interface ThrowawayStackOptions extends Pick<StackOptions, 'replicas' | 'nginx' | 'renderer' | 'signal'> {
  /** Names the run in the temporary directory and in errors, e.g. `e2e-reading`. */
  name: string;
  /** Set on top of the inherited environment, e.g. NODE_ENV (`test` validates the API's answers). */
  env: Record<string, string>;
  /** A PostgreSQL server to make a fresh database on; default: an embedded PostgreSQL of its own. */
  databaseServerUrl?: string;
  /** Serve the built web app (default); false for a test of the API alone. */
  webApp?: boolean;
  /** Also hears every output line as it comes. */
  output?: OutputSink;
}

export interface ThrowawayStack extends Stack {
  /** The temporary data dir: postgres/, s3/, nginx/ (its logs/ too), secrets.json. */
  readonly dataDir: string;
  /** Every line every child printed so far (api-1, web-1, nginx, migrate, inkwell …). */
  readonly output: readonly OutputLine[];
  /** Stops everything, drops the database and removes the data dir. */
  stop(): Promise<void>;
}

/** Variables that would point the stack at services outside this run, or fix its ports. */
const FOREIGN_VARIABLES = [
  'DATABASE_URL',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_FORCE_PATH_STYLE',
  'ASSET_PUBLIC_BASE_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'JWT_SECRET',
  'CORS_ORIGINS',
  'PORT',
  'WEB_DIST_DIR',
  'HOST',
  'PUBLIC_ORIGIN',
  'API_URL',
  'WEB_DIST',
];
const ERROR_TAIL_LINES = 40;

/** Starts the stack; on failure stops what had started, cleans up and rejects with its last output. */
export async function startThrowawayStack(options: ThrowawayStackOptions): Promise<ThrowawayStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `inkwell-${options.name}-`));
  // As root, PostgreSQL and the nginx workers run as other users and must reach into it.
  await chmod(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of FOREIGN_VARIABLES) delete env[variable];
  Object.assign(env, options.env);

  const output: OutputLine[] = [];
  const cleanUps: Array<() => Promise<void>> = [() => rm(dataDir, { recursive: true, force: true })];
  const cleanUp = async (): Promise<void> => {
    for (const step of cleanUps.splice(0).reverse()) await step();
  };
  let stack: Stack;
  try {
    if (options.databaseServerUrl) {
      const database = await createFreshDatabase(options.databaseServerUrl, options.name);
      cleanUps.push(database.drop);
      env.DATABASE_URL = database.url;
    }
    stack = await startStack({
      dataDir,
      port: 0,
      apiPort: 0,
      webPort: 0,
      postgresPort: 0,
      s3Port: 0,
      replicas: options.replicas,
      nginx: options.nginx,
      renderer: options.renderer,
      // A folder that does not exist: the API then serves no web app.
      webDistDir: options.webApp === false ? path.join(dataDir, 'no-web-app') : undefined,
      env,
      signal: options.signal,
      output: (source, line, stream) => {
        output.push({ source, line, stream });
        options.output?.(source, line, stream);
      },
    });
  } catch (error) {
    await cleanUp().catch(() => undefined);
    const tail = output
      .slice(-ERROR_TAIL_LINES)
      .map(({ source, line }) => `${source} | ${line}`)
      .join('\n');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the ${options.name} stack did not start: ${reason}\n${tail}`, { cause: error });
  }

  return {
    ...stack,
    dataDir,
    output,
    async stop() {
      try {
        await stack.stop();
      } finally {
        await cleanUp();
      }
    },
  };
}

/** A new, empty database on the server of `serverUrl`, and how to drop it again. */
async function createFreshDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `inkwell_${name.replace(/\W/g, '_')}_${Date.now()}_${process.pid}`;
  const admin = async (sql: (client: pg.Client) => string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql(client));
    } finally {
      await client.end();
    }
  };
  await admin((client) => `create database ${client.escapeIdentifier(database)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: () => admin((client) => `drop database if exists ${client.escapeIdentifier(database)} with (force)`),
  };
}
