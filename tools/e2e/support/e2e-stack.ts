// One whole Inkwell per test file, as production runs it: nginx in front of two API replicas and
// two web renderers, a fresh embedded PostgreSQL and local S3 in a temporary data dir, on free
// ports, with the built API, web app and renderer. Every output line is kept, by source, so tests
// can read the replicas' logs.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack } from '../../src/stack.js';
import type { Stack } from '../../src/stack.js';

export interface OutputLine {
  source: string;
  line: string;
  stream: 'stdout' | 'stderr';
}

export interface E2eStack extends Stack {
  /** Base URL of uploaded images (the local S3 bucket), as the API publishes them. */
  readonly assetBaseUrl: string;
  /** Every line every child printed so far (api-1, api-2, web-1, web-2, nginx, migrate, inkwell). */
  readonly output: readonly OutputLine[];
  /** nginx's access log, one entry per line. */
  readAccessLog(): Promise<string[]>;
  /** Stops everything and removes the temporary data dir. */
  stop(): Promise<void>;
}

/**
 * Variables that would point the stack at services outside this test (CI sets DATABASE_URL for
 * the API's own tests) or change its ports: the e2e stack always brings up its own.
 */
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
  'HOST',
  'PUBLIC_ORIGIN',
  'API_URL',
  'WEB_DIST',
];

/** Starts the stack; `name` only labels the temporary directory. */
export async function startE2eStack(name: string): Promise<E2eStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `inkwell-e2e-${name}-`));
  // As root, PostgreSQL and the nginx workers run as other users and must reach into it.
  await chmod(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of FOREIGN_VARIABLES) delete env[variable];
  // `test` switches on the API's response validation: a response the contract does not allow
  // becomes a 500 here, and the browser steps fail on it.
  Object.assign(env, { NODE_ENV: 'test', LOG_LEVEL: 'info' });

  const output: OutputLine[] = [];
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      port: 0,
      apiPort: 0,
      webPort: 0,
      postgresPort: 0,
      s3Port: 0,
      replicas: 2,
      nginx: true,
      renderer: true,
      env,
      output: (source, line, stream) => output.push({ source, line, stream }),
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw withOutput(error, output);
  }

  const assetBaseUrl = stack.apiEnv.ASSET_PUBLIC_BASE_URL;
  if (!assetBaseUrl) throw new Error('the stack published no ASSET_PUBLIC_BASE_URL');
  return {
    ...stack,
    assetBaseUrl,
    output,
    async readAccessLog() {
      const text = await readFile(path.join(dataDir, 'nginx', 'logs', 'access.log'), 'utf8');
      return text.split('\n').filter((line) => line !== '');
    },
    async stop() {
      try {
        await stack.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function withOutput(error: unknown, output: OutputLine[]): Error {
  const tail = output
    .slice(-40)
    .map(({ source, line }) => `${source} | ${line}`)
    .join('\n');
  return new Error(`the e2e stack did not start: ${error instanceof Error ? error.message : String(error)}\n${tail}`, {
    cause: error,
  });
}
