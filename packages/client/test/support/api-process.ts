// One real API for the pack test: the built API (api/dist/main.js) started by the tools' stack
// as a single process on a free port (no nginx), with its migrations run, a local S3, and a fresh
// database: created beside the one DATABASE_URL names and dropped afterwards, or, without
// DATABASE_URL, in an embedded PostgreSQL of its own inside `dataDir`.
import path from 'node:path';
import { startStack } from '@inkwell/tools/stack';
import pg from 'pg';

export interface RunningApi {
  /** The API base URL, e.g. `http://127.0.0.1:3001/api/v1`. */
  baseUrl: string;
  /** Every line the API (and the stack) printed, `source | line`. */
  output: string[];
  /** Stops the API, S3 and PostgreSQL, then drops the database. */
  stop(): Promise<void>;
}

/** Variables that would point the API at other services or ports: the stack brings its own. */
const FOREIGN_VARIABLES = [
  'DATABASE_URL',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_FORCE_PATH_STYLE',
  'ASSET_PUBLIC_BASE_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'JWT_SECRET',
  'CORS_ORIGINS',
  'PORT',
  'WEB_DIST_DIR',
];

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Starts the API; `dataDir` (empty, readable by others) holds S3's files and the secrets. */
export async function startApi(dataDir: string): Promise<RunningApi> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of FOREIGN_VARIABLES) delete env[name];
  // `test` switches on the API's response validation: an answer the contract does not allow is a 500.
  Object.assign(env, { NODE_ENV: 'test', LOG_LEVEL: 'warn' });

  const adminUrl = process.env.DATABASE_URL?.trim();
  const database = `inkwell_client_${Date.now()}_${process.pid}`;
  if (adminUrl) {
    await withAdmin(adminUrl, (client) => client.query(`create database ${client.escapeIdentifier(database)}`));
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  }
  const dropDatabase = async (): Promise<void> => {
    if (!adminUrl) return;
    await withAdmin(adminUrl, (client) =>
      client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`),
    );
  };

  const output: string[] = [];
  try {
    const stack = await startStack({
      dataDir,
      port: 0,
      postgresPort: 0,
      s3Port: 0,
      nginx: false,
      env,
      webDistDir: path.join(dataDir, 'no-web-app'),
      output: (source, line) => output.push(`${source} | ${line}`),
    });
    return {
      baseUrl: `${stack.apiUrls[0]}/api/v1`,
      output,
      async stop() {
        try {
          await stack.stop();
        } finally {
          await dropDatabase();
        }
      },
    };
  } catch (error) {
    await dropDatabase().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the API did not start: ${reason}\n${output.slice(-40).join('\n')}`, { cause: error });
  }
}
