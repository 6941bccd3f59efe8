// Runs autocannon against one target (a warm-up first, then the measured runs) and reads the CPU
// time the API and PostgreSQL spent meanwhile, to tell which of them limits throughput.
import autocannon from 'autocannon';
import type { CpuProbe } from './cpu.js';
import type { Target } from './targets.js';

export interface LoadSettings {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before, not measured. */
  warmup: number;
  /** Measured runs per target; the best one is reported (on a shared machine the others are noise). */
  rounds: number;
}

export interface Measurement {
  target: Target;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts. */
  failures: number;
  /** Share of one core the API process used during the measured run (1 = a full core). */
  apiCpu: number;
  /** CPU milliseconds per request in the API process and in the database server (NaN: unknown). */
  apiMsPerRequest: number;
  dbMsPerRequest: number;
  /** Requests per second of every round, in order. */
  roundsRps: number[];
  passed: boolean;
}

/** Checks the target once, warms it up, then measures it `rounds` times and keeps the best round. */
export async function measure(
  apiUrl: string,
  probes: { api: CpuProbe; db: CpuProbe },
  target: Target,
  settings: LoadSettings,
): Promise<Measurement> {
  await preflight(apiUrl, target);
  const options = {
    url: apiUrl,
    connections: settings.connections,
    headers: target.headers ?? {},
    requests: target.paths.map((path) => ({ method: 'GET', path: `${new URL(apiUrl).pathname}${path}` })),
    timeout: 10,
  };
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup });

  let best: Omit<Measurement, 'roundsRps' | 'passed'> | undefined;
  const roundsRps: number[] = [];
  let failures = 0;
  for (let round = 0; round < Math.max(1, settings.rounds); round += 1) {
    const [apiBefore, dbBefore] = [await probes.api(), await probes.db()];
    const started = performance.now();
    const result = await autocannon({ ...options, duration: settings.duration });
    const elapsed = (performance.now() - started) / 1000;
    const [apiSeconds, dbSeconds] = [(await probes.api()) - apiBefore, (await probes.db()) - dbBefore];
    const perRequest = (seconds: number): number => (seconds * 1000) / Math.max(1, result.requests.total);
    // An error in any round fails the target, whichever round is reported.
    failures += result.non2xx + result.errors + result.timeouts;
    roundsRps.push(Math.round(result.requests.average));
    if (!best || result.requests.average > best.rps) {
      best = {
        target,
        rps: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        failures,
        apiCpu: apiSeconds / elapsed,
        apiMsPerRequest: perRequest(apiSeconds),
        dbMsPerRequest: perRequest(dbSeconds),
      };
    }
  }
  const chosen = { ...best!, failures };
  const { goal } = target;
  const passed =
    failures === 0 && chosen.rps >= goal.minRps && (goal.maxP99Ms === undefined || chosen.p99Ms <= goal.maxP99Ms);
  return { ...chosen, roundsRps, passed };
}

async function preflight(apiUrl: string, target: Target): Promise<void> {
  const response = await fetch(`${apiUrl}${target.paths[0]}`, {
    headers: target.headers ?? {},
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 300)}`);
  const problem = target.check(JSON.parse(text));
  if (problem) throw new Error(`${target.label} answered an unexpected body: ${problem}`);
}
