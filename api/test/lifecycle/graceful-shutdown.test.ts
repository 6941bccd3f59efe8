import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from '@jest/globals';
import { uniqueName } from '../factories/user-factory.js';
import { TEST_JWT_SECRET } from '../helpers/test-app.js';
import { TEST_BUCKET, TEST_ENV, testEnv } from '../helpers/test-env.js';

const apiDir = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Starts src/main.ts as the real process would run; resolves its port and its parsed log lines. */
async function startServer(extraEnv: Record<string, string> = {}) {
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
      // Its sign-up comes from 127.0.0.1 like every test file's: raised so theirs do not count here.
      RATE_LIMIT_SIGN_UP: '1000/1h',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: (entry: Record<string, unknown>) => void }> = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    logs.push(entry);
    for (const waiter of waiters.filter((w) => w.msg === entry.msg)) waiter.resolve(entry);
  });
  const logged = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const found = logs.find((entry) => entry.msg === msg);
      if (found) resolve(found);
      else waiters.push({ msg, resolve });
    });
  const listening = await logged('listening');
  return { proc, port: listening.port as number, logged, logs };
}

describe('graceful shutdown', () => {
  test('When SIGTERM arrives mid-request, then new connections are refused, the request completes, and the process exits 0', async () => {
    const { proc, port, logged } = await startServer();
    const username = uniqueName('late');
    const body = JSON.stringify({ user: { username, email: `${username}@example.com`, password: 'a-long-password' } });
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(
      `POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));

    proc.kill('SIGTERM');
    await logged('shutting down');
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect(port, '127.0.0.1');
      probe.on('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.on('error', () => resolve(true));
    });
    socket.write(body.slice(10));
    const [exitCode] = await once(proc, 'exit');

    expect(refused).toBe(true);
    expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 201 Created/);
    expect(exitCode).toBe(0);
    await expect(logged('stopped')).resolves.toBeDefined();
  });

  test('When SIGTERM arrives with a shutdown delay, then readiness fails at once while requests are still served, each closing its connection', async () => {
    const { proc, port, logged } = await startServer({ SHUTDOWN_DELAY_MS: '1500' });
    const base = `http://127.0.0.1:${port}/api/v1`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    proc.kill('SIGTERM');
    await logged('draining: readiness fails, still serving');
    const ready = await fetch(`${base}/health/ready`);
    const tags = await fetch(`${base}/tags`);
    const live = await fetch(`${base}/health/live`);

    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', errors: { server: ['is shutting down'] } });
    expect(tags.status).toBe(200);
    expect(tags.headers.get('connection')).toBe('close');
    expect(live.status).toBe(200);
    const [exitCode] = await once(proc, 'exit');
    expect(exitCode).toBe(0);
  });

  test('When the configuration is invalid, then the process exits 1 naming every bad variable', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: apiDir,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'http', DATABASE_URL: 'nope' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const [exitCode] = await once(proc, 'exit');

    expect(exitCode).toBe(1);
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'S3_BUCKET', 'ASSET_PUBLIC_BASE_URL'])
      expect(stderr).toContain(name);
  });
});
