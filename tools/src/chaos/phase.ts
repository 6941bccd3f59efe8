// One fault's turn, while the load keeps running: a calm spell first, then the fault, then the
// wait for recovery: until the load has gone `stableMs` without a failure (every request sent in
// that spell answered) and each kind of request the fault concerns has succeeded again since it
// ended, or until `recoveryLimitMs` after its end. The replicas' pids and metrics are read just
// before the fault and after the recovery.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Fault, type FaultContext, type FaultWindow, replicaPids, seconds } from './faults.js';
import { type ReplicaMetrics, scrapeAll } from './metrics.js';
import type { Recorder } from './recorder.js';

export interface PhaseSettings {
  /** Calm load before each fault. */
  settleMs: number;
  /** How long the load must go without a failure to count as recovered. */
  stableMs: number;
  /** The longest wait for that, from the fault's end. */
  recoveryLimitMs: number;
}

export interface Phase {
  fault: Fault;
  /** When its calm spell began: writes acknowledged from here on are the phase's. */
  calmFrom: number;
  window: FaultWindow;
  /** When the recovery wait ended. */
  ended: number;
  recovered: boolean;
  /** Why the fault could not be injected as planned, if it could not. */
  error?: string;
  pidsBefore: (number | undefined)[];
  pidsAfter: (number | undefined)[];
  metricsBefore: ReplicaMetrics[];
  metricsAfter: ReplicaMetrics[];
}

const POLL_MS = 250;

export async function runPhase(fault: Fault, context: FaultContext, settings: PhaseSettings): Promise<Phase> {
  const { stack, recorder, log } = context;
  const calmFrom = performance.now();
  await sleep(settings.settleMs);
  const pidsBefore = replicaPids(stack);
  const metricsBefore = await scrapeAll(stack.apiMetricsUrls);

  log(`fault: ${fault.title}`);
  let window: FaultWindow;
  let error: string | undefined;
  const start = performance.now();
  try {
    window = await fault.inject(context);
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
    window = { start, end: performance.now(), notes: [] };
    log(`the fault could not be carried out: ${error}`);
  }

  const deadline = window.end + settings.recoveryLimitMs;
  let recovered = hasRecovered(recorder, fault, window.end, settings.stableMs);
  while (!recovered && performance.now() < deadline) {
    await sleep(POLL_MS);
    recovered = hasRecovered(recorder, fault, window.end, settings.stableMs);
  }
  const ended = performance.now();
  log(recovered ? `recovered ${seconds(ended - window.end)} after the fault's end` : 'not recovered in time');
  return {
    fault,
    calmFrom,
    window,
    ended,
    recovered,
    error,
    pidsBefore,
    pidsAfter: replicaPids(stack),
    metricsBefore,
    metricsAfter: await scrapeAll(stack.apiMetricsUrls),
  };
}

/**
 * True once every request sent in the `stableMs` after the last failure (or after `since`) has
 * been answered successfully, and each kind in the fault's proof has succeeded since `since`.
 */
function hasRecovered(recorder: Recorder, fault: Fault, since: number, stableMs: number): boolean {
  const now = performance.now();
  const after = recorder.sentBetween(since, now);
  const lastFailure = after.reduce(
    (latest, exchange) => (exchange.failure ? Math.max(latest, exchange.started) : latest),
    -1,
  );
  const streakFrom = lastFailure < 0 ? since : lastFailure + 1;
  if (now - streakFrom < stableMs) return false;
  const oldest = recorder.oldestPending();
  if (oldest !== undefined && oldest < streakFrom + stableMs) return false;
  return fault.proof.every((kind) => after.some((exchange) => exchange.kind === kind && exchange.failure === null));
}
