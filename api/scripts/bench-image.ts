/**
 * Image upload benchmark.
 *
 * 1. Processing: a 12-megapixel JPEG (4000×3000, photo-like) through processImage(), 10 runs after
 *    a warm-up; prints the median and the spread.
 * 2. Uploads: starts PostgreSQL, a local S3 server and the API (a child process, so its memory is
 *    measured alone), signs up a user, sends eight concurrent POST /api/v1/assets of that JPEG and
 *    prints the statuses, wall time and the API's peak resident memory (VmHWM) before and after.
 *
 * Usage: npx tsx api/scripts/bench-image.ts [--runs 10] [--uploads 8]
 * Exits non-zero when any upload fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findFreePort, startEmbeddedPostgres, startLocalS3 } from '@inkwell/local';
import { runMigrations } from '../src/db/migrate.js';
import { processImage } from '../src/modules/assets/image-processing.js';
import { photoJpeg } from '../test/fixtures/images/images.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, uploads: { type: 'string', default: '8' } },
});
const RUNS = Number(args.runs);
const UPLOADS = Number(args.uploads);
const apiDir = fileURLToPath(new URL('..', import.meta.url));

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function benchProcessing(jpeg: Buffer): Promise<void> {
  await processImage(jpeg);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await processImage(jpeg);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median =
    times.length % 2 ? times[(times.length - 1) / 2]! : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  log(`processImage, 12 MP JPEG (${(jpeg.length / 2 ** 20).toFixed(1)} MiB), ${RUNS} runs:`);
  log(`  median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
}

/** VmHWM (peak resident set) and VmRSS of a process, in MiB, from /proc. */
async function memoryOf(pid: number): Promise<{ peak: number; current: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kib('VmHWM') / 1024, current: kib('VmRSS') / 1024 };
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not become healthy within 30 s');
}

async function benchUploads(jpeg: Buffer): Promise<boolean> {
  const work = await mkdtemp(path.join(tmpdir(), 'inkwell-bench-'));
  // Run as root, PostgreSQL runs as its own user, which must be able to enter the folder.
  await chmod(work, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), port: 0 });
  const s3 = await startLocalS3({
    dataDir: path.join(work, 's3'),
    port: 0,
    bucket: 'bench-assets',
    corsOrigins: ['http://localhost:8080'],
  });
  let api: ChildProcess | undefined;
  try {
    await pg.createDatabase('bench');
    const databaseUrl = pg.urlFor('bench');
    await runMigrations(databaseUrl);
    const port = await findFreePort();
    api = spawn(process.execPath, ['--import', 'tsx', path.join(apiDir, 'src/main.ts')], {
      cwd: apiDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        S3_BUCKET: s3.bucket,
        S3_FORCE_PATH_STYLE: 'true',
        ASSET_PUBLIC_BASE_URL: s3.publicBaseUrl,
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      },
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, api);

    const signUp = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { username: 'bench', email: 'bench@example.com', password: 'benchmark-password' } }),
    });
    const token = ((await signUp.json()) as { user: { token: string } }).user.token;

    const before = await memoryOf(api.pid!);
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: UPLOADS }, async () => {
        const form = new FormData();
        form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'photo.jpg');
        const res = await fetch(`${base}/api/v1/assets`, {
          method: 'POST',
          headers: { authorization: `Token ${token}` },
          body: form,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const wall = performance.now() - started;
    const after = await memoryOf(api.pid!);

    log(`${UPLOADS} concurrent uploads of the 12 MP JPEG to the API (its own process):`);
    log(`  statuses ${statuses.join(' ')}; all done in ${wall.toFixed(0)} ms`);
    log(
      `  API resident memory: ${before.current.toFixed(0)} MiB before; peak ${after.peak.toFixed(0)} MiB (VmHWM), ${after.current.toFixed(0)} MiB after`,
    );
    return statuses.every((status) => status === 201);
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    await s3.stop();
    await pg.stop();
    await rm(work, { recursive: true, force: true });
  }
}

const jpeg = await photoJpeg(4000, 3000);
// Timings depend on what else the host is doing: say so next to them.
log(
  `host: ${availableParallelism()} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await benchProcessing(jpeg);
const ok = await benchUploads(jpeg);
process.exitCode = ok ? 0 : 1;
