// Runs autocannon against one target (a warm-up first, then the measured run) and reads how
// busy the API process was meanwhile, to tell whether Node or the database limits throughput.
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import type { Target } from './targets.js';

// Linux counts process CPU time in clock ticks of 1/100 s (getconf CLK_TCK) on every common platform.
const TICKS_PER_SECOND = 100;

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
  /** Requests per second of every round, in order. */
  roundsRps: number[];
  passed: boolean;
}

/** Checks the target once, warms it up, then measures it `rounds` times and keeps the best round. */
export async function measure(apiUrl: string, apiPid: number, target: Target, settings: LoadSettings): Promise<Measurement> {
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
    const cpuBefore = await processCpuSeconds(apiPid);
    const started = performance.now();
    const result = await autocannon({ ...options, duration: settings.duration });
    const elapsed = (performance.now() - started) / 1000;
    const apiCpu = ((await processCpuSeconds(apiPid)) - cpuBefore) / elapsed;
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
        apiCpu,
      };
    }
  }
  const chosen = { ...best!, failures };
  const { goal } = target;
  const passed = failures === 0 && chosen.rps >= goal.minRps && (goal.maxP99Ms === undefined || chosen.p99Ms <= goal.maxP99Ms);
  return { ...chosen, roundsRps, passed };
}

async function preflight(apiUrl: string, target: Target): Promise<void> {
  const response = await fetch(`${apiUrl}${target.paths[0]}`, { headers: target.headers ?? {}, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 300)}`);
  const problem = target.check(JSON.parse(text));
  if (problem) throw new Error(`${target.label} answered an unexpected body: ${problem}`);
}

/** User + system CPU time of a process so far, in seconds (Linux /proc). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return Number.NaN;
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
