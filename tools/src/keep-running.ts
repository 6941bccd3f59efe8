// A child the stack keeps running, as systemd's Restart=on-failure does in production: when it
// exits without being asked to (a crash, SIGKILL, the OOM killer) it is started again after a
// delay that grows while it keeps failing, and counts as back once it answers its readiness
// check. A child that keeps failing is given up after a while, and the stack then stops.
import { describeExit } from './processes.js';
import type { ChildExit, ManagedProcess } from './processes.js';

/** Waits before each restart of a failing child: quick at first, then backing off. */
const RESTART_DELAYS_MS = [100, 1_000, 2_000, 5_000, 10_000, 30_000] as const;
/** A child up this long counts as healthy again: its next crash restarts it at once. */
const STABLE_MS = 60_000;
/** Restarts in a row that failed to bring it back (or that it did not survive) before giving up. */
const MAX_FAILED_RESTARTS = 8;

export interface KeepRunningOptions {
  name: string;
  /** Starts a fresh process. */
  spawn(): ManagedProcess;
  /** Resolves once the process serves; rejects when it exits first or takes too long. */
  ready(process: ManagedProcess): Promise<void>;
  /** How to stop it: signal, then SIGKILL after the timeout. */
  stopSignal: NodeJS.Signals;
  stopTimeoutMs: number;
  log(line: string): void;
  /** The waits before each restart in a row (the last repeats); default 0.1, 1, 2, 5, 10, 30 s. */
  restartDelaysMs?: readonly number[];
  /** Failed restarts in a row before giving up; default 8. */
  maxFailedRestarts?: number;
}

export interface KeptProcess {
  readonly name: string;
  /** The running process; undefined between an exit and the restart. */
  current(): ManagedProcess | undefined;
  /**
   * A deploy of this one child: stops it as asked (no restart), runs `meanwhile` (e.g. replacing
   * what it depends on), starts a fresh one and waits until it is ready.
   */
  replace(meanwhile?: () => Promise<void>): Promise<void>;
  /** Stops it for good. Safe to call twice. */
  stop(): Promise<void>;
  /** Settles with its last exit when it kept failing and was given up. */
  readonly gaveUp: Promise<ChildExit>;
}

/** Starts the child and keeps it running; resolves once the first process is ready. */
export async function keepRunning(options: KeepRunningOptions): Promise<KeptProcess> {
  const { name, log, restartDelaysMs = RESTART_DELAYS_MS, maxFailedRestarts = MAX_FAILED_RESTARTS } = options;
  let current: ManagedProcess | undefined;
  let stopped = false;
  let failures = 0;
  let wakeUp: (() => void) | undefined;
  /** A restart after a crash, while one is under way. */
  let restarting: Promise<void> | undefined;
  let giveUp!: (exit: ChildExit) => void;
  const gaveUp = new Promise<ChildExit>((resolve) => (giveUp = resolve));

  const start = async (): Promise<ManagedProcess> => {
    const process = options.spawn();
    current = process;
    await options.ready(process);
    return process;
  };

  /** Watches `process`; when it exits unasked, brings a fresh one up. */
  const supervise = (process: ManagedProcess, upSince: number): void => {
    void process.exited.then((exit) => {
      if (stopped || process.stopping) return;
      if (Date.now() - upSince >= STABLE_MS) failures = 0;
      restarting = restart(exit, Date.now()).finally(() => (restarting = undefined));
    });
  };

  /** Restarts with growing delays until a process is ready, or gives up. */
  const restart = async (exit: ChildExit, downSince: number): Promise<void> => {
    let last = exit;
    current = undefined;
    while (!stopped) {
      if (failures >= maxFailedRestarts) {
        log(`${describeExit(last)}; ${failures} restarts in a row failed, giving up`);
        giveUp(last);
        return;
      }
      const delay = restartDelaysMs[Math.min(failures, restartDelaysMs.length - 1)] ?? 0;
      log(`${describeExit(last)}; restarting in ${formatMs(delay)}`);
      failures += 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
      if (stopped) return;
      try {
        const fresh = await start();
        log(`${name} is back after ${formatMs(Date.now() - downSince)}`);
        supervise(fresh, Date.now());
        return;
      } catch (error) {
        last = await failedStart(current, name, error);
      }
    }
  };

  try {
    supervise(await start(), Date.now());
  } catch (error) {
    await current?.stop('SIGKILL', 1_000);
    throw error;
  }

  return {
    name,
    current: () => current,
    gaveUp,
    async replace(meanwhile) {
      // A crashed one being brought back comes up first: two would fight over the port.
      await restarting;
      if (stopped) return;
      await current?.stop(options.stopSignal, options.stopTimeoutMs);
      const downSince = Date.now();
      // What runs meanwhile may fail: this child comes back all the same.
      const failedMeanwhile = await meanwhile?.().then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      try {
        supervise(await start(), Date.now());
      } catch (error) {
        // The new version does not come up: keep trying as after a crash, and tell the deployer.
        const exit = await failedStart(current, name, error);
        restarting = restart(exit, downSince).finally(() => (restarting = undefined));
        throw error;
      }
      if (failedMeanwhile) throw failedMeanwhile.error;
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await current?.stop(options.stopSignal, options.stopTimeoutMs);
    },
  };
}

/** A process that failed its readiness check may still run (too slow): make sure it is gone. */
async function failedStart(process: ManagedProcess | undefined, name: string, error: unknown): Promise<ChildExit> {
  if (process) return process.stop('SIGKILL', 1_000);
  return { name, code: null, signal: null, error: asError(error) };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function formatMs(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}
