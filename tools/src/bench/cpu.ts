// CPU time of processes, read from Linux /proc: how much work a request costs in the API and in
// PostgreSQL, which stays meaningful on a machine that other work keeps busy (throughput does not).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

// Linux counts process CPU time in clock ticks of 1/100 s (getconf CLK_TCK) on every common platform.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of the processes so far (NaN when one cannot be read). */
export type CpuProbe = () => Promise<number>;

/** User + system CPU seconds of one process so far; NaN when it cannot be read (not Linux, gone). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return Number.NaN;
  // Fields after the command name (which may contain spaces): utime is field 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The CPU time of one process. */
export function processProbe(pid: number): CpuProbe {
  return () => processCpuSeconds(pid);
}

/** The CPU time of this process (the load generator: autocannon runs in it). */
export function ownProbe(): CpuProbe {
  return async () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
}

/** The CPU time of a process and its children alive at each reading (nginx: master and workers). */
export function processTreeProbe(pid: number): CpuProbe {
  return () => treeCpuSeconds(pid);
}

/**
 * The CPU time of a PostgreSQL server started from `dataDir`: the postmaster and its children
 * alive at each reading (backends of the API's pool live as long as the pool).
 */
export function postgresProbe(dataDir: string): CpuProbe {
  return async () => {
    const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
    const postmaster = Number(text?.split('\n')[0]);
    if (!Number.isInteger(postmaster) || postmaster <= 0) return Number.NaN;
    return treeCpuSeconds(postmaster);
  };
}

/** User + system CPU seconds of a process and its children alive now. */
async function treeCpuSeconds(parentPid: number): Promise<number> {
  const pids = [parentPid];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    const parent = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : Number.NaN;
    if (parent === parentPid) pids.push(Number(entry));
  }
  let total = 0;
  for (const pid of pids) {
    const seconds = await processCpuSeconds(pid);
    if (!Number.isNaN(seconds)) total += seconds;
  }
  return total;
}
