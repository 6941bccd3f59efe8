// Whether the renderer keeps memory it should have let go: its resident set after a warm-up
// (caches filled, code optimised), then after many more renders of the same article pages. Sent to
// the renderer directly, past nginx's cache, so every request is a render. Read from Linux /proc.
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';

export interface MemoryCheck {
  warmupRenders: number;
  renders: number;
  /** Resident set size in MiB after the warm-up and after the renders. */
  warmMiB: number;
  afterMiB: number;
  /** (after − warm) / warm. */
  growth: number;
  maxGrowth: number;
  /** Answers other than 200, connection errors and timeouts. */
  failures: number;
  passed: boolean;
}

export interface MemoryCheckOptions {
  rendererUrl: string;
  pid: number;
  /** Paths on the renderer, taken in turn. */
  paths: string[];
  warmupRenders: number;
  renders: number;
  connections: number;
  /** Growth allowed after the warm-up, e.g. 0.2. */
  maxGrowth: number;
}

/** Resident set size of a process, in MiB (NaN when it cannot be read). */
async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib === undefined ? Number.NaN : Number(kib) / 1024;
}

/** The lowest of a few readings a second apart: what is left once the renderer is idle (GC done). */
async function settledMiB(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let reading = 0; reading < 3; reading += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    readings.push(await residentMiB(pid));
  }
  return Math.min(...readings);
}

/** Renders `warmupRenders` pages, reads the RSS, renders `renders` more, reads it again. */
export async function checkRendererMemory(options: MemoryCheckOptions): Promise<MemoryCheck> {
  const run = async (amount: number): Promise<number> => {
    const result = await autocannon({
      url: options.rendererUrl,
      connections: options.connections,
      amount,
      requests: options.paths.map((path) => ({ method: 'GET', path })),
      timeout: 10,
    });
    return result.non2xx + result.errors + result.timeouts;
  };
  let failures = await run(options.warmupRenders);
  const warmMiB = await settledMiB(options.pid);
  failures += await run(options.renders);
  const afterMiB = await settledMiB(options.pid);
  const growth = (afterMiB - warmMiB) / warmMiB;
  return {
    warmupRenders: options.warmupRenders,
    renders: options.renders,
    warmMiB,
    afterMiB,
    growth,
    maxGrowth: options.maxGrowth,
    failures,
    passed: failures === 0 && growth <= options.maxGrowth,
  };
}

/** One line for the report. */
export function memoryLine(check: MemoryCheck): string {
  const percent = (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
  return (
    `renderer RSS: ${check.warmMiB.toFixed(1)} MiB after ${check.warmupRenders.toLocaleString('en')} warm-up renders, ` +
    `${check.afterMiB.toFixed(1)} MiB after ${check.renders.toLocaleString('en')} more: ${percent(check.growth)} ` +
    `(goal ≤ ${percent(check.maxGrowth)})${check.failures > 0 ? `, ${check.failures} failed renders` : ''}: ` +
    `${check.passed ? 'pass' : 'FAIL'}`
  );
}
