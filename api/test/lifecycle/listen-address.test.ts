// The API binds loopback unless HOST says otherwise: only a proxy on the same host reaches it.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { TEST_JWT_SECRET } from '../helpers/test-app.js';
import { TEST_BUCKET, TEST_ENV, testEnv } from '../helpers/test-env.js';

const apiDir = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Starts src/main.ts with `env` on top of a working configuration; resolves its 'listening' line. */
async function startServer(env: Record<string, string> = {}): Promise<{ host: string; port: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      DATABASE_URL: testEnv(TEST_ENV.databaseUrl),
      JWT_SECRET: TEST_JWT_SECRET,
      S3_ENDPOINT: testEnv(TEST_ENV.s3Endpoint),
      S3_BUCKET: TEST_BUCKET,
      ASSET_PUBLIC_BASE_URL: testEnv(TEST_ENV.assetBaseUrl),
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
      AWS_REGION: process.env.AWS_REGION,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  for await (const line of createInterface({ input: proc.stdout! })) {
    const entry = (() => {
      try {
        return JSON.parse(line) as { msg?: string; host?: string; port?: number };
      } catch {
        return {};
      }
    })();
    if (entry.msg === 'listening') return { host: entry.host!, port: entry.port! };
  }
  throw new Error('the API exited before listening');
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** An address of this machine other than loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

describe('the listening address', () => {
  test('When HOST is not set, then the API listens on 127.0.0.1 only', async () => {
    const { host, port } = await startServer();

    expect(host).toBe('127.0.0.1');
    expect(await connects('127.0.0.1', port)).toBe(true);
    if (outsideAddress) expect(await connects(outsideAddress, port)).toBe(false);
  });

  test('When HOST names every interface, then the API listens there', async () => {
    const { host, port } = await startServer({ HOST: '0.0.0.0' });

    expect(host).toBe('0.0.0.0');
    expect(await connects('127.0.0.1', port)).toBe(true);
    if (outsideAddress) expect(await connects(outsideAddress, port)).toBe(true);
  });
});
