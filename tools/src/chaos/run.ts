// The chaos run: its own PostgreSQL and object store (so faults can take them away), the stack
// as `npm start` runs it (nginx, N API replicas, the renderers) on free ports in a temporary data
// dir, accounts and a first few articles, then the steady load while the faults come one at a
// time, then the check of every acknowledged write, and the report. Everything it started is
// stopped and its data removed at the end, whatever happened.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { OutputSink } from '../processes.js';
import { type Stack, startStack } from '../stack.js';
import { ACCOUNT_BUDGETS, type Account, signUpAccounts } from './accounts.js';
import { ChaosDatabase, ChaosStore } from './backing.js';
import { ledgerBudget, summariseCalm, summarisePhase } from './budgets.js';
import { SiteClient } from './client.js';
import { FAULTS, type FaultId, seconds } from './faults.js';
import { Ledger } from './ledger.js';
import { Load, WRITE_SHARE, Worker } from './load.js';
import { type Phase, type PhaseSettings, runPhase } from './phase.js';
import { Recorder } from './recorder.js';
import { type ChaosReport, allBudgets } from './report.js';
import { StackLog } from './stack-log.js';
import { verifyLedger } from './verify.js';

export interface ChaosOptions extends PhaseSettings {
  /** API replicas (and renderers) behind nginx; at least 2. */
  replicas: number;
  /** Load workers, each sending one request at a time. */
  workers: number;
  /** Requests per second each worker sends at most. */
  ratePerWorker: number;
  /** The faults to inject, in order. */
  faults: readonly FaultId[];
  /** A request unanswered after this long counts as failed. */
  requestTimeoutMs: number;
  /** From the run's start, the time after which no fault begins (those left are reported as not run). */
  timeLimitMs: number;
  /** Our progress lines and the stack's own (restarts, deploy steps). */
  log(line: string): void;
  /** Also hears every output line of every child as it comes. */
  output?: OutputSink;
  /** Stops the run early (Ctrl-C). */
  signal?: AbortSignal;
}

/** CI's form: each fault once, a small load, well under 3 minutes. */
export const SHORT_SETTINGS = {
  replicas: 2,
  workers: 4,
  ratePerWorker: 5,
  settleMs: 3_000,
  stableMs: 2_000,
  recoveryLimitMs: 20_000,
  requestTimeoutMs: 10_000,
  // The end-to-end test allows 3 minutes: room for the last fault, the check and the stop.
  timeLimitMs: 150_000,
} as const;

export const FULL_SETTINGS = {
  replicas: 2,
  workers: 8,
  ratePerWorker: 8,
  settleMs: 10_000,
  stableMs: 5_000,
  recoveryLimitMs: 60_000,
  requestTimeoutMs: 10_000,
  timeLimitMs: 20 * 60_000,
} as const;

/** A fault takes at most about this long (a rolling restart on a busy machine). */
const LONGEST_FAULT_MS = 120_000;
/** Articles each worker publishes before the load starts, so reads have something to read. */
const FIRST_ARTICLES = 2;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  if (options.replicas < 2) throw new Error('the chaos run needs at least 2 replicas');
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const { log } = options;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'inkwell-chaos-'));
  // As root, PostgreSQL and the nginx workers run as other users and must reach into it.
  await chmod(dataDir, 0o755);
  const stackLog = new StackLog();
  // Timings are taken in this process: on a busy machine its own delays show in the report.
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  const system: Partial<System> = {};
  let load: Load | undefined;
  try {
    const { stack, database, store } = await startSystem(system, dataDir, options, stackLog);
    const recorder = new Recorder();
    const client = new SiteClient(stack.url, recorder, options.requestTimeoutMs);
    const ledger = new Ledger();
    const { workers, accounts } = await prepareWorkers(stack.url, client, ledger, options);
    load = new Load(workers, options.ratePerWorker);
    // The last fault may end after the deadline: the load goes on through its recovery.
    load.start(deadline + LONGEST_FAULT_MS + options.recoveryLimitMs);
    log(`load: ${options.workers} workers × ${options.ratePerWorker} requests/s through ${client.origin}`);

    const phases: Phase[] = [];
    const skipped: string[] = [];
    for (const id of options.faults) {
      options.signal?.throwIfAborted();
      if (performance.now() + options.settleMs + options.stableMs > deadline) {
        skipped.push(id);
        continue;
      }
      const phase = runPhase(FAULTS[id], { stack, database, store, recorder, log }, options);
      phases.push(await interruptible(stack, options.signal, phase));
    }
    await load.stop();
    log('load stopped; checking every acknowledged write');
    stackLog.addNginxErrors(await readFile(path.join(dataDir, 'nginx', 'logs', 'error.log'), 'utf8').catch(() => ''));
    const verification = await verifyLedger(ledger, client.origin);

    const report: Omit<ChaosReport, 'passed'> = {
      setup: setupLines(options, stack, accounts.length, loopDelay),
      phases: phases.map((phase) => ({
        ...summarisePhase(phase, recorder, verification),
        logs: stackLog.summary(phase.window.start, phase.ended),
      })),
      calm: summariseCalm(phases, recorder),
      verification,
      ledger: ledgerBudget(verification),
      sent: recorder.exchanges.length,
      deferred: load.deferred,
      skipped,
    };
    return { ...report, passed: allBudgets(report).every((budget) => budget.pass) };
  } finally {
    loopDelay.disable();
    log('stopping everything');
    await load?.stop();
    await system.stack?.stop().catch((error: unknown) => log(`stopping the stack failed: ${String(error)}`));
    await system.database?.close().catch((error: unknown) => log(`stopping PostgreSQL failed: ${String(error)}`));
    await system.store?.close().catch((error: unknown) => log(`stopping the object store failed: ${String(error)}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface System {
  database: ChaosDatabase;
  store: ChaosStore;
  stack: Stack;
}

/**
 * PostgreSQL, the object store, then the stack on free ports, configured as in production. Each
 * part goes into `started` as soon as it runs, for the caller to stop whatever happens next.
 */
async function startSystem(
  started: Partial<System>,
  dataDir: string,
  options: ChaosOptions,
  stackLog: StackLog,
): Promise<System> {
  options.log('starting PostgreSQL and the object store');
  const database = (started.database = await ChaosDatabase.start(path.join(dataDir, 'postgres')));
  const store = (started.store = await ChaosStore.start(path.join(dataDir, 's3')));
  options.log(`starting the stack: nginx, ${options.replicas} API replicas and their renderers`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The API's own limits, as in production, whatever this shell sets (accounts.ts stays under them).
  for (const name of Object.keys(env)) if (name.startsWith('RATE_LIMIT_')) delete env[name];
  const stack = (started.stack = await startStack({
    dataDir,
    port: 0,
    apiPort: 0,
    webPort: 0,
    metricsPort: 0,
    webMetricsPort: 0,
    replicas: options.replicas,
    nginx: true,
    renderer: true,
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      ...store.env,
      JWT_SECRET: randomBytes(48).toString('base64'),
    },
    output: (source, line, stream) => {
      stackLog.add(source, line);
      if (source === 'inkwell') options.log(`stack: ${line}`);
      options.output?.(source, line, stream);
    },
    signal: options.signal,
  }));
  return { database, store, stack };
}

/** Signs the accounts up, shares them among the workers, and publishes the first articles. */
async function prepareWorkers(
  siteUrl: string,
  client: SiteClient,
  ledger: Ledger,
  options: ChaosOptions,
): Promise<{ workers: Worker[]; accounts: Account[] }> {
  const runId = Date.now().toString(36).slice(-6);
  const perWorker = accountsPerWorker(options.ratePerWorker);
  options.log(`signing up ${perWorker * options.workers} accounts`);
  const accounts = await signUpAccounts(siteUrl, runId, perWorker * options.workers);
  const context = { client, ledger, usernames: accounts.map((account) => account.username), runId };
  const workers = Array.from(
    { length: options.workers },
    (_, index) => new Worker(context, index + 1, accounts.slice(index * perWorker, (index + 1) * perWorker)),
  );
  for (const worker of workers) for (let i = 0; i < FIRST_ARTICLES; i += 1) await worker.createArticle();
  if (ledger.articles.length === 0) throw new Error('no article could be published before the load');
  return { workers, accounts };
}

function setupLines(options: ChaosOptions, stack: Stack, accounts: number, loopDelay: IntervalHistogram): string[] {
  return [
    `chaos run: nginx, ${options.replicas} API replicas and ${stack.webUrls.length} renderers (NODE_ENV=production), ` +
      'their own PostgreSQL and object store',
    `load: ${options.workers} workers × ${options.ratePerWorker} requests/s at most, ${accounts} accounts ` +
      `(signed up from several loopback addresses; no rate limit raised: each account keeps under ` +
      `${ACCOUNT_BUDGETS.writes.max} writes and ${ACCOUNT_BUDGETS.uploads.max} uploads per 5 min)`,
    `phases: ${seconds(options.settleMs)} calm, the fault, then recovered once ${seconds(options.stableMs)} pass ` +
      `without a failure (at most ${seconds(options.recoveryLimitMs)}); requests time out after ` +
      `${seconds(options.requestTimeoutMs)}`,
    `this process's event loop delay (the precision of its timings): p99 ${Math.round(loopDelay.percentile(99) / 1e6)} ms, ` +
      `max ${Math.round(loopDelay.max / 1e6)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  ];
}

/** Enough accounts that each worker's writes and uploads fit their budgets over a 5-minute window. */
function accountsPerWorker(ratePerWorker: number): number {
  const { max, windowMs } = ACCOUNT_BUDGETS.writes;
  return Math.ceil((ratePerWorker * WRITE_SHARE * (windowMs / 1000)) / max) + 1;
}

/** The phase, unless a child keeps crashing and the stack gives it up, or the run is stopped, first. */
async function interruptible(stack: Stack, signal: AbortSignal | undefined, phase: Promise<Phase>): Promise<Phase> {
  const gaveUp = stack.unexpectedExit.then((exit): never => {
    throw new Error(`${exit.name} kept failing and the stack gave it up`);
  });
  const stopped = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
  });
  // The phase's own failure, if one comes after an interruption, has nobody left to hear it.
  phase.catch(() => undefined);
  return Promise.race([phase, gaveUp, stopped]);
}
