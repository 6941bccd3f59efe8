// Runs autocannon against one target (a warm-up first, then the measured runs) and reads the CPU
// time the renderer, the API and PostgreSQL spent meanwhile, to tell which of them limits throughput.
import { randomUUID } from 'node:crypto';
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

/** Where the targets are: the API base (…/api/v1) and, for page targets, the site (nginx). */
export interface Bases {
  api: string;
  site?: string;
}

/**
 * The processes whose CPU time is read: the API, PostgreSQL, the load generator (this process)
 * and, with a site, the renderer and nginx.
 */
export interface Probes {
  api: CpuProbe;
  db: CpuProbe;
  load: CpuProbe;
  web?: CpuProbe;
  nginx?: CpuProbe;
}

export type ProcessName = keyof Probes;

export interface Measurement {
  target: Target;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts. */
  failures: number;
  /**
   * Share of one core the target's own server used during the measured run (1 = a full core): the
   * renderer for a page, else the API.
   */
  serverCpu: number;
  /** CPU milliseconds per request in each process read (NaN: unknown). */
  msPerRequest: Partial<Record<ProcessName, number>>;
  /** Requests per second of every round, in order. */
  roundsRps: number[];
  passed: boolean;
}

/** Checks the target once, warms it up, then measures it `rounds` times and keeps the best round. */
export async function measure(
  bases: Bases,
  probes: Probes,
  target: Target,
  settings: LoadSettings,
): Promise<Measurement> {
  const base = baseOf(bases, target);
  await preflight(base, target);
  const options = {
    url: base,
    connections: settings.connections,
    headers: target.headers ?? {},
    requests: target.paths.map((path) => ({
      method: target.method ?? 'GET',
      path: `${new URL(base).pathname.replace(/\/$/, '')}${path}`,
      ...(target.body === undefined ? {} : { body: target.body }),
    })),
    idReplacement: target.paths.some((path) => path.includes(ID)),
    timeout: 10,
  };
  const read = Object.entries(probes).filter((entry): entry is [ProcessName, CpuProbe] => entry[1] !== undefined);
  const readAll = async (): Promise<Partial<Record<ProcessName, number>>> =>
    Object.fromEntries(await Promise.all(read.map(async ([name, probe]) => [name, await probe()] as const)));
  const server: ProcessName = target.page ? 'web' : 'api';
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup });

  let best: Omit<Measurement, 'roundsRps' | 'passed'> | undefined;
  const roundsRps: number[] = [];
  let failures = 0;
  for (let round = 0; round < Math.max(1, settings.rounds); round += 1) {
    const before = await readAll();
    const started = performance.now();
    const result = await autocannon({ ...options, duration: settings.duration });
    const elapsed = (performance.now() - started) / 1000;
    const after = await readAll();
    const seconds = (name: ProcessName): number => (after[name] ?? Number.NaN) - (before[name] ?? Number.NaN);
    const perRequest = (name: ProcessName): number => (seconds(name) * 1000) / Math.max(1, result.requests.total);
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
        serverCpu: seconds(server) / elapsed,
        msPerRequest: Object.fromEntries(read.map(([name]) => [name, perRequest(name)])),
      };
    }
  }
  const chosen = { ...best!, failures };
  const { goal } = target;
  const passed =
    failures === 0 && chosen.rps >= goal.minRps && (goal.maxP99Ms === undefined || chosen.p99Ms <= goal.maxP99Ms);
  return { ...chosen, roundsRps, passed };
}

/** Where a target's paths start: the API process, or nginx (the site, or its /api/v1). */
function baseOf(bases: Bases, target: Target): string {
  if (!target.page && !target.edge) return bases.api;
  if (!bases.site) throw new Error(`${target.id} needs the site (nginx and the renderer)`);
  return target.page ? bases.site : `${bases.site}${new URL(bases.api).pathname}`;
}

/** What autocannon replaces with a fresh id in each request (its `idReplacement`). */
const ID = '[<id>]';

/**
 * One request as the load will send it, checked. A page target is asked twice, so that a cached
 * page is checked as the load meets it (the first request puts it in the cache).
 */
async function preflight(base: string, target: Target): Promise<void> {
  const get = async (): Promise<{ response: Response; text: string }> => {
    const response = await fetch(`${base.replace(/\/$/, '')}${(target.paths[0] ?? '').replaceAll(ID, randomUUID())}`, {
      method: target.method ?? 'GET',
      headers: target.headers ?? {},
      ...(target.body === undefined ? {} : { body: target.body }),
      signal: AbortSignal.timeout(10_000),
    });
    return { response, text: await response.text() };
  };
  if (target.page) await get();
  const { response, text } = await get();
  if (response.status !== 200 && response.status !== 201)
    throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 300)}`);
  const problem = target.check(target.page ? text : JSON.parse(text), response);
  if (problem) throw new Error(`${target.label} answered an unexpected body: ${problem}`);
}
