// startStack() end to end with a stand-in API and renderer (helpers.ts): embedded PostgreSQL and
// local S3 in a temporary data dir, replicas and renderers behind the rendered local nginx, the
// environment they receive, a clean stop, a second run that reuses the data, the no-nginx
// fallback, a missing renderer build, and a failed start.
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startStack } from '../src/stack.js';
import type { StackOptions } from '../src/stack.js';
import type { Echo } from './helpers.js';
import { FAKE_API_SOURCE, FAKE_RENDERER_SOURCE, makeTempDir, writeDummyWebBuild } from './helpers.js';

/** The caller's environment minus what would make the stack use external services (CI sets DATABASE_URL). */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'S3_ENDPOINT',
    'S3_BUCKET',
    'S3_REGION',
    'ASSET_PUBLIC_BASE_URL',
    'JWT_SECRET',
    'CORS_ORIGINS',
    'PORT',
  ]) {
    delete env[name];
  }
  return env;
}

async function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function echo(url: string): Promise<Echo> {
  const response = await fetch(`${url}/api/v1/echo`);
  assert.equal(response.status, 200);
  return (await response.json()) as Echo;
}

describe('startStack', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let base: StackOptions;
  const lines: string[] = [];

  before(async () => {
    tmp = await makeTempDir('stack');
    const apiEntry = path.join(tmp.dir, 'api', 'dist', 'main.js');
    await mkdir(path.dirname(apiEntry), { recursive: true });
    await writeFile(apiEntry, FAKE_API_SOURCE);
    const webEntry = path.join(tmp.dir, 'web', 'dist-server', 'server.js');
    await mkdir(path.dirname(webEntry), { recursive: true });
    await writeFile(webEntry, FAKE_RENDERER_SOURCE);
    const webDistDir = path.join(tmp.dir, 'web', 'dist');
    await writeDummyWebBuild(webDistDir);
    base = {
      dataDir: path.join(tmp.dir, 'data'),
      port: 0,
      apiPort: 0,
      webPort: 0,
      metricsPort: 0,
      webMetricsPort: 0,
      postgresPort: 0,
      s3Port: 0,
      env: isolatedEnv(),
      apiEntry,
      webEntry,
      webDistDir,
      migrate: false,
      output: (source, line) => lines.push(`${source} | ${line}`),
    };
  });
  after(async () => {
    await tmp.remove();
  });

  it(
    'runs two replicas and two renderers behind nginx with local PostgreSQL and S3, then stops it all',
    { timeout: 90_000 },
    async () => {
      const stack = await startStack({ ...base, nginx: true, replicas: 2 });
      let stopped = false;
      try {
        assert.equal(stack.nginx, true);
        assert.match(stack.url, /^http:\/\/localhost:\d+$/);
        assert.equal(stack.apiUrls.length, 2);
        assert.equal(stack.webUrls.length, 2);

        // Public pages come from the renderers, each paired with its own API replica.
        const rendered = await Promise.all(
          ['/', '/article/a', '/profile/b', '/?x'].map((route) => fetch(`${stack.url}${route}`)),
        );
        const renderers = new Set(
          await Promise.all(rendered.map(async (answer) => (await answer.text()).match(/rendered by (\d+)/)?.[1])),
        );
        assert.deepEqual([...renderers].sort(), stack.webUrls.map((url) => new URL(url).port).sort());
        for (const [index, webUrl] of stack.webUrls.entries()) {
          const webEnv = (await (await fetch(`${webUrl}/echo-env`)).json()) as Record<string, string | undefined>;
          assert.equal(webEnv.PUBLIC_ORIGIN, stack.url);
          assert.equal(webEnv.API_URL, `${stack.apiUrls[index]}/api/v1`);
          assert.equal(webEnv.HOST, '127.0.0.1');
          assert.equal(webEnv.PORT, new URL(webUrl).port);
          assert.equal(webEnv.WEB_DIST, base.webDistDir);
          assert.equal(webEnv.LOG_LEVEL, 'info');
          for (const secret of ['DATABASE_URL', 'JWT_SECRET', 'AWS_SECRET_ACCESS_KEY'])
            assert.equal(webEnv[secret], undefined, `the renderer was given ${secret}`);
        }

        const page = await fetch(`${stack.url}/editor`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /<title>Inkwell<\/title>/);
        const csp = page.headers.get('content-security-policy') ?? '';
        assert.ok(
          csp.includes(`img-src 'self' data: blob: ${new URL(stack.apiEnv.ASSET_PUBLIC_BASE_URL ?? '').origin};`),
          csp,
        );

        const answers = await Promise.all(Array.from({ length: 6 }, () => echo(stack.url)));
        const ports = new Set(answers.map((answer) => answer.port));
        assert.equal(ports.size, 2, 'requests reach both replicas');

        const { env } = answers[0]!;
        assert.match(env.DATABASE_URL ?? '', /^postgres:\/\/.+@127\.0\.0\.1:\d+\/inkwell$/);
        const client = new pg.Client({ connectionString: env.DATABASE_URL });
        await client.connect();
        assert.deepEqual((await client.query('select 1 as one')).rows, [{ one: 1 }]);
        await client.end();

        assert.match(env.S3_ENDPOINT ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(env.S3_REGION, 'us-east-1');
        assert.equal(env.S3_BUCKET, 'inkwell-assets');
        assert.equal(env.S3_FORCE_PATH_STYLE, 'true');
        assert.equal(env.AWS_ACCESS_KEY_ID, 'S3RVER');
        assert.equal(env.AWS_SECRET_ACCESS_KEY, 'S3RVER');
        assert.match(env.ASSET_PUBLIC_BASE_URL ?? '', /^http:\/\/localhost:\d+\/inkwell-assets$/);
        assert.equal((await fetch(`${env.ASSET_PUBLIC_BASE_URL}/missing.webp`)).status, 404, 'the asset store answers');
        assert.equal(env.WEB_DIST_DIR, base.webDistDir);
        assert.equal(env.LOG_LEVEL, 'info');
        assert.ok(env.CORS_ORIGINS?.split(',').includes(stack.url));

        const secretsFile = path.join(base.dataDir!, 'secrets.json');
        const secrets = JSON.parse(await readFile(secretsFile, 'utf8')) as { JWT_SECRET: string };
        assert.equal(env.JWT_SECRET, secrets.JWT_SECRET);
        assert.ok(secrets.JWT_SECRET.length >= 32);
        assert.equal((await stat(secretsFile)).mode & 0o777, 0o600);

        await stack.stop();
        stopped = true;
        for (const url of [
          stack.url,
          ...stack.apiUrls,
          ...stack.webUrls,
          env.S3_ENDPOINT!,
          `http://${new URL(env.DATABASE_URL!).host}`,
        ]) {
          assert.equal(await isListening(url), false, `${url} still listening after stop()`);
        }
        await stack.stop(); // twice is fine
      } finally {
        if (!stopped) await stack.stop();
      }
    },
  );

  it(
    'starts a replica that was killed again, and a deploy replaces every replica while no request fails',
    { timeout: 120_000 },
    async () => {
      const stack = await startStack({ ...base, nginx: true, replicas: 2 });
      try {
        const killed = stack.apiProcess(0)!;
        killed.child.kill('SIGKILL');
        await killed.exited;
        await waitFor(() => lines.some((line) => line.includes('api-1 is back after')), 10_000);
        assert.notEqual(stack.apiProcess(0), killed);
        assert.equal(await isListening(stack.apiUrls[0]!), true);
        assert.ok(lines.some((line) => line.includes('api-1 was killed by SIGKILL; restarting')));

        // nginx by address: a name would add a resolver and its address families to what is tested.
        const site = `http://127.0.0.1:${new URL(stack.url).port}`;
        const pidsBefore = [0, 1].map((index) => stack.apiProcess(index)?.child.pid);
        let deployed = false;
        const failures: string[] = [];
        let answered = 0;
        // Clients keep sending reads and writes, some of them slow, through the whole deploy.
        const clients = Array.from({ length: 4 }, async (_, client) => {
          while (!deployed) {
            const method = client % 2 === 0 ? 'GET' : 'POST';
            const answer = await fetch(`${site}/api/v1/echo?${client < 2 ? 'slow' : 'fast'}`, {
              method,
              body: method === 'POST' ? '{}' : undefined,
            }).catch((error: Error) => error);
            if (answer instanceof Error) failures.push(`${method}: ${answer.message} (${String(answer.cause)})`);
            else if (answer.status !== 200) failures.push(`${method}: ${answer.status} ${await answer.text()}`);
            else {
              await answer.body?.cancel();
              answered += 1;
            }
          }
        });
        await stack.rollingRestart();
        deployed = true;
        await Promise.all(clients);

        assert.deepEqual(failures, []);
        assert.ok(answered > 20, `only ${answered} requests were answered during the deploy`);
        const pidsAfter = [0, 1].map((index) => stack.apiProcess(index)?.child.pid);
        for (const [index, pid] of pidsAfter.entries()) assert.notEqual(pid, pidsBefore[index]);
        const served = new Set(await Promise.all(Array.from({ length: 6 }, async () => (await echo(stack.url)).pid)));
        assert.deepEqual([...served].sort(), [...pidsAfter].sort(), 'both new replicas serve, the old ones none');
      } finally {
        await stack.stop();
      }
    },
  );

  it('reuses the data dir on a second run (same secret, database kept)', { timeout: 90_000 }, async () => {
    const before = lines.length;
    const stack = await startStack({ ...base, nginx: true, replicas: 1 });
    try {
      const secrets = JSON.parse(await readFile(path.join(base.dataDir!, 'secrets.json'), 'utf8')) as {
        JWT_SECRET: string;
      };
      assert.equal((await echo(stack.url)).env.JWT_SECRET, secrets.JWT_SECRET);
      assert.ok(!lines.slice(before).some((line) => line.includes('created database')), 'database already existed');
    } finally {
      await stack.stop();
    }
  });

  it('without nginx, runs one replica on the public port that serves the web build', { timeout: 90_000 }, async () => {
    const stack = await startStack({ ...base, nginx: false, replicas: 3 });
    try {
      assert.equal(stack.nginx, false);
      assert.equal(stack.apiUrls.length, 1);
      assert.deepEqual(stack.webUrls, [], 'no renderer without nginx');
      assert.equal(new URL(stack.apiUrls[0]!).port, new URL(stack.url).port);
      const page = await fetch(stack.url);
      assert.match(await page.text(), /served by the API/);
      assert.equal((await echo(stack.url)).env.WEB_DIST_DIR, base.webDistDir);
    } finally {
      await stack.stop();
    }
  });

  it('without a renderer build, nginx sends the public pages to the app', { timeout: 90_000 }, async () => {
    const before = lines.length;
    const webEntry = path.join(tmp.dir, 'not-built', 'server.js');
    const stack = await startStack({ ...base, nginx: true, replicas: 1, webEntry });
    try {
      assert.deepEqual(stack.webUrls, []);
      assert.ok(lines.slice(before).some((line) => line.includes(`${webEntry} is missing`)));
      const page = await fetch(`${stack.url}/article/a`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>Inkwell<\/title>/);
    } finally {
      await stack.stop();
    }
    await assert.rejects(startStack({ ...base, nginx: true, replicas: 1, webEntry, renderer: true }), /is missing/);
  });

  it(
    'reports a replica that cannot start, with its output, and leaves nothing running',
    { timeout: 90_000 },
    async () => {
      const broken = path.join(tmp.dir, 'broken', 'dist', 'main.js');
      await mkdir(path.dirname(broken), { recursive: true });
      await writeFile(broken, "console.error('DATABASE_URL is not a valid URL'); process.exit(1);\n");
      const postgresPort = 0;
      await assert.rejects(
        startStack({ ...base, apiEntry: broken, nginx: true, replicas: 1, postgresPort }),
        (error: Error) => {
          assert.match(error.message, /api-1 exited with code 1/);
          assert.match(error.message, /DATABASE_URL is not a valid URL/);
          return true;
        },
      );
      const postgresLine = lines.filter((line) => line.includes('PostgreSQL ready on')).at(-1) ?? '';
      const port = /127\.0\.0\.1:(\d+)/.exec(postgresLine)?.[1];
      assert.ok(port);
      assert.equal(await isListening(`http://127.0.0.1:${port}`), false, 'PostgreSQL was stopped');
    },
  );
});
