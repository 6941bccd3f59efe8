// Spec-driven fuzzing of the API: requests generated from the bundled OpenAPI document (random,
// oversized, control-character and wrong-type values for every parameter and body field, random
// methods, long URIs, odd headers, bytes that are not HTTP), sent to an API on this machine,
// directly or through nginx (whose own refusals are judged alike). Exits 1 on any answer of 500 or
// more, any error that is not `{"errors": {...}}` JSON, or a request left unanswered. Bounded by
// --requests and --seconds; loopback addresses only.
//
// Usage: npm run fuzz -w tools -- [--base-url http://127.0.0.1:PORT/api/v1] [--requests 5000]
//                                 [--seconds 600] [--concurrency 4] [--seed 1]
//                                 [--source-address 127.x.y.z]
//   --base-url http://127.0.0.1:8080/api/v1 targets a running `npm start` through nginx.
//   Requests leave from a random loopback address per run (or --source-address): the run signs
//   users up, and the sign-up limit per address would otherwise refuse the next run's.
//   Without --base-url it starts a throwaway API of its own (api/dist/main.js, as the benchmark
//   does: a fresh database, local S3, NODE_ENV=production) and stops it at the end. Needs the API
//   build (npm run build -w api). DATABASE_URL: a fresh database on that server instead of an
//   embedded PostgreSQL.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchStack, startBenchStack } from './bench/bench-stack.js';
import { assertLoopback } from './fuzz/http.js';
import { type FuzzReport, runFuzz } from './fuzz/run.js';
import { type OutputSink, prefixedOutput } from './processes.js';
import { explain, runSupervised } from './supervise.js';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    requests: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    'source-address': { type: 'string' },
  },
});

function count(name: 'requests' | 'seconds' | 'concurrency' | 'seed', min: number, max: number): number {
  const raw = values[name];
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const requests = count('requests', 1, 1_000_000);
const seconds = count('seconds', 1, 3600);
const concurrency = count('concurrency', 1, 64);
const seed = count('seed', 0, 2 ** 31);
const given = values['base-url']?.replace(/\/+$/, '');
const sourceAddress = values['source-address'];
if (sourceAddress !== undefined && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(sourceAddress)) {
  console.error(`--source-address must be an IPv4 loopback address (127.x.y.z), not "${sourceAddress}"`);
  process.exit(2);
}
try {
  if (given) assertLoopback(given);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

await runSupervised(async (shutdown) => {
  const log = (line: string): void => prefixedOutput('fuzz', line, 'stdout');
  let dataDir: string | undefined;
  let stack: BenchStack | undefined;
  const stopped = shutdown.then((reason): never => {
    throw new Error(`stopped (${reason})`);
  });
  const run = async (): Promise<number> => {
    let baseUrl = given;
    if (!baseUrl) {
      dataDir = await mkdtemp(path.join(tmpdir(), 'inkwell-fuzz-'));
      // PostgreSQL runs as another user when we are root: it must be able to enter the folder.
      await chmod(dataDir, 0o755);
      // The API logs every refused request as a warning: only its errors are worth showing here.
      const output: OutputSink = (source, line, stream) => {
        if (!/"level":"(trace|debug|info|warn)"/.test(line)) prefixedOutput(source, line, stream);
      };
      stack = await startBenchStack({ dataDir, env: process.env, log, output });
      baseUrl = stack.apiUrl;
      log(`API at ${baseUrl} (one process, fresh database: ${stack.database})`);
    }
    log(`sending up to ${requests.toLocaleString('en')} requests (${concurrency} at once, seed ${seed})`);
    const report = await runFuzz({ baseUrl, requests, timeLimitMs: seconds * 1000, concurrency, seed, sourceAddress });
    console.log(summary(report));
    return report.failed === 0 ? 0 : 1;
  };
  const running = run();
  try {
    return await Promise.race([running, stopped]);
  } catch (error) {
    console.error(explain(error));
    return 1;
  } finally {
    await running.catch(() => undefined);
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
});

function summary(report: FuzzReport): string {
  const statuses = Object.entries(report.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const lines = [
    `${report.sent.toLocaleString('en')} requests in ${report.seconds.toFixed(1)} s (${statuses})` +
      (report.unsendable > 0 ? `; ${report.unsendable} not sendable by the client` : ''),
    `${report.outsideApi} landed outside the API (dot segments, no path): checked for < 500 only`,
    report.failed === 0
      ? 'no answer at or above 500, every error in the {"errors": {...}} shape'
      : `${report.failed} failed:`,
  ];
  for (const [kind, n] of Object.entries(report.failureKinds).sort(([, a], [, b]) => b - a)) {
    lines.push(`  ${n} × ${kind}`);
  }
  if (report.failed > 0) lines.push(`the first ${report.failures.length}:`);
  for (const failure of report.failures) {
    lines.push(
      `  ${failure.problem}: ${failure.method} ${failure.path} [${failure.label}]` +
        (failure.body ? `\n    ${failure.body.replace(/\s+/g, ' ')}` : ''),
    );
  }
  return lines.join('\n');
}
