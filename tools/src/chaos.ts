// The chaos harness: the whole system as `npm start` runs it (nginx, N API replicas, the web
// renderers, PostgreSQL, S3), a steady mixed load through nginx (anonymous and signed-in reads,
// public pages, articles, comments, favorites, uploads), every request recorded, and faults
// injected one at a time with recovery in between: an API replica killed, a rolling restart, the
// database stopped for 5 s and once killed outright, the object store away for 10 s, the
// renderers killed. Prints a table per fault and each fault's budgets (PASS/FAIL with figures);
// exits 1 when one is missed. Loopback only; every loop is bounded in count and time; everything
// it started is stopped and its data removed at the end.
//
// Usage: npm run chaos -w tools -- [--short] [--replicas 2] [--concurrency 8] [--rate 8]
//                                  [--settle 10] [--stable 5] [--recovery 60]
//                                  [--only replica-kill,rolling-restart,postgres-restart,
//                                   postgres-kill,store-outage,renderer-kill] [--verbose]
//   --short        CI's form: each fault once, a small load, under 3 minutes (its defaults below
//                  in brackets); the other options still apply on top.
//   --concurrency  load workers, one request at a time each (default 8 [4])
//   --rate         requests per second per worker at most (default 8 [5])
//   --settle       seconds of calm load before each fault (default 10 [3])
//   --stable       seconds without a failure that count as recovered (default 5 [2])
//   --recovery     seconds to wait for that after a fault's end, at most (default 60 [20])
//   --verbose      print every output line of every child
//   Needs the builds (npm run build) and nginx.
import { parseArgs } from 'node:util';
import { FAULT_IDS, type FaultId } from './chaos/faults.js';
import { formatReport } from './chaos/report.js';
import { FULL_SETTINGS, SHORT_SETTINGS, runChaos } from './chaos/run.js';
import { prefixedOutput } from './processes.js';
import { explain, runSupervised } from './supervise.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    replicas: { type: 'string' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
    settle: { type: 'string' },
    stable: { type: 'string' },
    recovery: { type: 'string' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const defaults = values.short ? SHORT_SETTINGS : FULL_SETTINGS;

function count(
  name: 'replicas' | 'concurrency' | 'rate' | 'settle' | 'stable' | 'recovery',
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const faults = (values.only?.split(',').map((id) => id.trim()) ?? [...FAULT_IDS]) as FaultId[];
const unknown = faults.filter((id) => !FAULT_IDS.includes(id));
if (unknown.length > 0) {
  console.error(`no such fault: ${unknown.join(', ')} (faults: ${FAULT_IDS.join(', ')})`);
  process.exit(2);
}

const options = {
  ...defaults,
  replicas: count('replicas', defaults.replicas, 2, 8),
  workers: count('concurrency', defaults.workers, 1, 64),
  ratePerWorker: count('rate', defaults.ratePerWorker, 1, 50),
  settleMs: count('settle', defaults.settleMs / 1000, 1, 600) * 1000,
  stableMs: count('stable', defaults.stableMs / 1000, 1, 120) * 1000,
  recoveryLimitMs: count('recovery', defaults.recoveryLimitMs / 1000, 5, 600) * 1000,
  faults,
};

await runSupervised(async (shutdown) => {
  const log = (line: string): void => prefixedOutput('chaos', line, 'stdout');
  const aborted = new AbortController();
  void shutdown.then(() => aborted.abort());
  try {
    const report = await runChaos({
      ...options,
      log,
      output: values.verbose ? prefixedOutput : undefined,
      signal: aborted.signal,
    });
    console.log(`\n${formatReport(report)}`);
    return report.passed ? 0 : 1;
  } catch (error) {
    console.error(explain(error));
    return 1;
  }
});
