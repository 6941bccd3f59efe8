// Once per test run: a fresh database with every migration applied, and a local S3 server.
// Uses DATABASE_URL's server when set (a database is created beside the one it names), else an
// embedded PostgreSQL under .data/test-postgres. Test workers read the results from the env.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmbeddedPostgres, type LocalS3, startEmbeddedPostgres, startLocalS3 } from '@inkwell/local';
import pg from 'pg';
import { runMigrations } from '../src/db/migrate.js';
import { TEST_BUCKET, TEST_ENV } from './helpers/test-env.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface TestRun {
  adminUrl: string;
  database: string;
  embedded: EmbeddedPostgres | null;
  s3: LocalS3;
  s3Dir: string;
}

declare global {
  var inkwellTestRun: TestRun | undefined;
}

export default async function globalSetup(): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  let adminUrl = process.env.DATABASE_URL?.trim();
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(repoRoot, '.data', 'test-postgres'),
      port: 0,
      handleSignals: false,
    });
    adminUrl = embedded.connectionString;
  }

  const database = `inkwell_test_${Date.now()}_${process.pid}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${client.escapeIdentifier(database)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await runMigrations(url.toString());

  const s3Dir = await mkdtemp(path.join(tmpdir(), 'inkwell-s3-'));
  const s3 = await startLocalS3({
    dataDir: s3Dir,
    port: 0,
    bucket: TEST_BUCKET,
    // No browser reads from it in tests; S3 refuses a CORS rule without origins.
    corsOrigins: ['http://localhost'],
  });

  process.env[TEST_ENV.databaseUrl] = url.toString();
  process.env[TEST_ENV.s3Endpoint] = s3.endpoint;
  process.env[TEST_ENV.assetBaseUrl] = s3.publicBaseUrl;
  // Read by the AWS SDK itself in the workers.
  process.env.AWS_ACCESS_KEY_ID = s3.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.credentials.secretAccessKey;
  process.env.AWS_REGION = s3.region;
  globalThis.inkwellTestRun = { adminUrl, database, embedded, s3, s3Dir };
}

/** Runs `fn` on a short-lived connection to the maintenance database. */
export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
