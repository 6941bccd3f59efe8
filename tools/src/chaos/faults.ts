// The faults, injected one at a time while the load runs. Each resolves when its fault is over
// (the replica is back, the database accepts connections, the store listens again) and says
// when it began and ended; the run then waits for the load to succeed again (phase.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { waitForHttpOk } from '../processes.js';
import type { ManagedProcess } from '../processes.js';
import type { Stack } from '../stack.js';
import type { ChaosDatabase, ChaosStore } from './backing.js';
import type { Recorder, RequestKind } from './recorder.js';

export const FAULT_IDS = [
  'replica-kill',
  'rolling-restart',
  'postgres-restart',
  'postgres-kill',
  'store-outage',
  'renderer-kill',
] as const;
export type FaultId = (typeof FAULT_IDS)[number];

/** How long PostgreSQL stays stopped, and the object store away. */
export const POSTGRES_DOWN_MS = 5_000;
export const STORE_DOWN_MS = 10_000;
/** A killed child restarted by the stack has this long to be ready again. */
const BACK_TIMEOUT_MS = 60_000;

export interface FaultContext {
  stack: Stack;
  database: ChaosDatabase;
  store: ChaosStore;
  recorder: Recorder;
  log(line: string): void;
}

export interface FaultWindow {
  /** When the fault hit: the kill, the stop, the deploy's start. */
  start: number;
  /** When it was over: the child ready again, the database accepting connections, the store listening. */
  end: number;
  /** Writes and uploads sent and not answered at the instant of a kill, across all replicas. */
  writesInFlight?: number;
  /** When the killed process was seen gone (its exit reached us). */
  gone?: number;
  /** What happened, in a few words each. */
  notes: string[];
}

export interface Fault {
  id: FaultId;
  title: string;
  /** Kinds of request that must succeed again after the fault before it counts as recovered. */
  proof: readonly RequestKind[];
  inject(context: FaultContext): Promise<FaultWindow>;
}

export const FAULTS: Record<FaultId, Fault> = {
  'replica-kill': {
    id: 'replica-kill',
    title: 'API replica api-1 killed (SIGKILL)',
    proof: ['read', 'write'],
    async inject({ stack, recorder }) {
      const replica = stack.apiProcess(0);
      const victim = runningPid(replica, 'api-1');
      const gone = replica!.exited.then(() => performance.now());
      const start = performance.now();
      const writesInFlight = recorder.inFlight(['write', 'upload']);
      process.kill(victim, 'SIGKILL');
      const back = await waitForReplacement(
        () => stack.apiProcess(0),
        victim,
        `${stack.apiUrls[0]}/api/v1/health/ready`,
      );
      const end = performance.now();
      const goneAt = await gone;
      return {
        start,
        end,
        writesInFlight,
        gone: goneAt,
        notes: [
          `api-1 pid ${victim} seen gone ${Math.round(goneAt - start)} ms after SIGKILL; ` +
            `pid ${back} ready ${seconds(end - start)} after it`,
        ],
      };
    },
  },
  'rolling-restart': {
    id: 'rolling-restart',
    title: 'rolling restart of every replica (a deploy)',
    proof: ['read', 'write'],
    async inject({ stack }) {
      const before = replicaPids(stack);
      const start = performance.now();
      await stack.rollingRestart();
      const end = performance.now();
      return {
        start,
        end,
        notes: [
          `replica pids ${before.join(', ')} → ${replicaPids(stack).join(', ')}, all replaced in ${seconds(end - start)}`,
        ],
      };
    },
  },
  'postgres-restart': {
    id: 'postgres-restart',
    title: `PostgreSQL stopped (fast shutdown) for ${POSTGRES_DOWN_MS / 1000} s`,
    proof: ['read', 'write'],
    async inject({ database }) {
      const start = performance.now();
      await database.stop();
      const stopped = performance.now();
      await sleep(POSTGRES_DOWN_MS);
      const restarting = performance.now();
      await database.start();
      const end = performance.now();
      return {
        start,
        end,
        notes: [
          `stopped in ${seconds(stopped - start)}, accepting connections ${seconds(end - restarting)} after its start`,
        ],
      };
    },
  },
  'postgres-kill': {
    id: 'postgres-kill',
    title: 'PostgreSQL killed (SIGKILL of the postmaster), then started',
    proof: ['read', 'write'],
    async inject({ database }) {
      const start = performance.now();
      await database.kill();
      const killed = performance.now();
      await database.start();
      const end = performance.now();
      return {
        start,
        end,
        notes: [
          `postmaster gone in ${seconds(killed - start)}, crash recovery and start took ${seconds(end - killed)}`,
        ],
      };
    },
  },
  'store-outage': {
    id: 'store-outage',
    title: `object store unavailable for ${STORE_DOWN_MS / 1000} s`,
    proof: ['upload'],
    async inject({ store }) {
      const start = performance.now();
      await store.stop();
      await sleep(STORE_DOWN_MS);
      await store.start();
      const end = performance.now();
      return { start, end, notes: [`store closed and listening again after ${seconds(end - start)}`] };
    },
  },
  'renderer-kill': {
    id: 'renderer-kill',
    title: 'every web renderer killed (SIGKILL)',
    proof: ['page'],
    async inject({ stack }) {
      if (stack.webUrls.length === 0) throw new Error('no web renderer runs (npm run build makes web/dist-server)');
      const victims = stack.webUrls.map((_, index) => runningPid(stack.webProcess(index), `web-${index + 1}`));
      const start = performance.now();
      for (const victim of victims) process.kill(victim, 'SIGKILL');
      const back = await Promise.all(
        stack.webUrls.map((webUrl, index) =>
          waitForReplacement(() => stack.webProcess(index), victims[index]!, `${webUrl}/healthz`),
        ),
      );
      const end = performance.now();
      return {
        start,
        end,
        notes: [`renderer pids ${victims.join(', ')} → ${back.join(', ')}, all ready after ${seconds(end - start)}`],
      };
    },
  },
};

/** The pid of every API replica now (undefined while one is down). */
export function replicaPids(stack: Stack): (number | undefined)[] {
  return stack.apiUrls.map((_, index) => stack.apiProcess(index)?.child.pid);
}

function runningPid(child: ManagedProcess | undefined, name: string): number {
  const pid = child?.child.pid;
  if (!child || pid === undefined || exited(child)) throw new Error(`${name} is not running`);
  return pid;
}

function exited(child: ManagedProcess): boolean {
  return child.child.exitCode !== null || child.child.signalCode !== null;
}

/**
 * Waits until the stack has started a process other than `victim` in the slot and it answers
 * `readyUrl`; resolves with its pid.
 */
async function waitForReplacement(
  current: () => ManagedProcess | undefined,
  victim: number,
  readyUrl: string,
): Promise<number> {
  const deadline = Date.now() + BACK_TIMEOUT_MS;
  for (;;) {
    const fresh = current();
    const pid = fresh?.child.pid;
    if (fresh && pid !== undefined && pid !== victim && !exited(fresh)) {
      try {
        await waitForHttpOk(readyUrl, { timeoutMs: Math.max(1, deadline - Date.now()), process: fresh });
        return pid;
      } catch (error) {
        // It may have died before it answered: the stack then starts another.
        if (Date.now() > deadline) throw error;
      }
    }
    if (Date.now() > deadline) throw new Error(`no process replaced pid ${victim} within ${BACK_TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
