// What each fault may cost, checked against what the load saw: the figures of a phase (requests
// on the way from the fault to the recovery, failures by kind, acknowledged writes missing at the end,
// time to recovery, slowest failure) and its budgets, each passed or failed with its figures.
import type { FaultId } from './faults.js';
import { seconds } from './faults.js';
import type { Phase } from './phase.js';
import type { Exchange, Recorder, RequestKind } from './recorder.js';
import type { MissingWrite, Verification } from './verify.js';

/** After the database is back, reads and writes succeed again within this long. */
export const DATABASE_RECOVERY_MS = 5_000;
/**
 * A request failing because the database is away answers within this long: above the API pool's
 * 2 s connection timeout (the longest a request waits to learn the database is gone), far below
 * the client's own timeout.
 */
export const FAST_FAILURE_MS = 3_000;

export interface Budget {
  text: string;
  pass: boolean;
  /** The figures it was judged on. */
  figures: string;
}

export interface PhaseSummary {
  phase: Phase;
  /** Requests on the way at some moment from the fault's start to the end of the recovery wait. */
  exchanges: Exchange[];
  failed: Record<RequestKind, Exchange[]>;
  /** Acknowledged writes missing at the end, acknowledged from the calm before the fault to the recovery. */
  missing: MissingWrite[];
  /** Failed requests sent after the fault's end. */
  failedAfterEnd: number;
  /** From the fault's end to the start of the last failed request after it (0: none); undefined: never recovered. */
  recoveryMs: number | undefined;
  slowestFailedMs: number | undefined;
  budgets: Budget[];
}

export interface CalmSummary {
  exchanges: Exchange[];
  failed: Exchange[];
  budgets: Budget[];
}

/** The figures and budgets of one phase. */
export function summarisePhase(phase: Phase, recorder: Recorder, verification: Verification): PhaseSummary {
  // A request sent in the calm before but answered after the fault hit is the fault's.
  const exchanges = recorder.overlapping(phase.window.start, phase.ended);
  const failures = exchanges.filter((exchange) => exchange.failure !== null);
  const failed = byKind(failures);
  const missing = verification.missing.filter(
    (write) => write.ackedAt >= phase.calmFrom && write.ackedAt < phase.ended,
  );
  const failedAfterEnd = failures.filter((exchange) => exchange.started >= phase.window.end);
  const lastFailure = failedAfterEnd.reduce((latest, exchange) => Math.max(latest, exchange.started), phase.window.end);
  const summary: PhaseSummary = {
    phase,
    exchanges,
    failed,
    missing,
    failedAfterEnd: failedAfterEnd.length,
    recoveryMs: phase.recovered ? lastFailure - phase.window.end : undefined,
    slowestFailedMs:
      failures.length === 0 ? undefined : Math.max(...failures.map((exchange) => exchange.ended - exchange.started)),
    budgets: [],
  };
  summary.budgets = [...commonBudgets(summary), ...BUDGETS[phase.fault.id](summary)];
  return summary;
}

/** The calm spells before the faults: nothing may fail there. */
export function summariseCalm(phases: Phase[], recorder: Recorder): CalmSummary {
  const spells = phases.map((phase) => {
    const exchanges = recorder
      .sentBetween(phase.calmFrom, phase.window.start)
      .filter((exchange) => exchange.ended <= phase.window.start);
    return { phase, exchanges, failed: exchanges.filter((exchange) => exchange.failure !== null) };
  });
  const exchanges = spells.flatMap((spell) => spell.exchanges);
  const failed = spells.flatMap((spell) => spell.failed);
  // Where they failed: a failure early in a spell may be the previous fault's late effect.
  const where = spells
    .filter((spell) => spell.failed.length > 0)
    .map(
      ({ phase, failed: failures }) =>
        `${failures.length} in the calm before ${phase.fault.id}, ` +
        `the first ${seconds(failures[0]!.started - phase.calmFrom)} into it`,
    );
  return {
    exchanges,
    failed,
    budgets: [
      {
        text: 'calm load between faults: 0 failed requests',
        pass: failed.length === 0,
        figures: `${failed.length} of ${exchanges.length} failed${statusList(failed)}${where.length > 0 ? `: ${where.join('; ')}` : ''}`,
      },
    ],
  };
}

/** Every acknowledged write of the run is there at the end. */
export function ledgerBudget(verification: Verification): Budget {
  const checked = Object.values(verification.checked).reduce((sum, count) => sum + count, 0);
  return {
    text: 'every acknowledged write is there at the end',
    pass: verification.missing.length === 0,
    figures: `${verification.missing.length} missing of ${checked}`,
  };
}

function commonBudgets(summary: PhaseSummary): Budget[] {
  const { phase } = summary;
  const budgets: Budget[] = [];
  if (phase.error) budgets.push({ text: 'the fault was carried out', pass: false, figures: phase.error });
  budgets.push({
    text: 'the load recovered',
    pass: phase.recovered,
    figures: phase.recovered
      ? `${afterEnd(summary)}; ${seconds(phase.ended - phase.window.end)} without a failure after it`
      : `not within ${seconds(phase.ended - phase.window.end)} of the fault's end`,
  });
  return budgets;
}

const BUDGETS: Record<FaultId, (summary: PhaseSummary) => Budget[]> = {
  'replica-kill': (summary) => {
    const reads = [...summary.failed.read, ...summary.failed.page];
    const writes = [...summary.failed.write, ...summary.failed.upload];
    const { writesInFlight: inFlight = 0, start: killAt, gone = killAt } = summary.phase.window;
    // A killed process dies over some milliseconds (its exit reaches us later still, on a busy
    // machine): writes nginx sent it meanwhile were in flight on the dying replica as much as
    // those sent before the signal, and fail the same way.
    const untilGone = summary.exchanges.filter(
      (exchange) =>
        (exchange.kind === 'write' || exchange.kind === 'upload') && exchange.started < gone && exchange.ended > killAt,
    ).length;
    const unshaped = [...reads, ...writes].filter((exchange) => !isJsonError(exchange));
    return [
      {
        text: '0 failed reads (API reads and pages)',
        pass: reads.length === 0,
        figures: `${reads.length} of ${countKinds(summary, ['read', 'page'])} failed${statusList(reads)}`,
      },
      {
        text: 'failed writes ≤ writes in flight while the replica died (from SIGKILL until its exit)',
        pass: writes.length <= untilGone,
        figures:
          `${writes.length} failed${statusList(writes)}${sentAt(writes, summary.phase.window.start, 'the kill')}, ` +
          `${inFlight} in flight (sent and unanswered at the kill, across all replicas: an upper bound); ` +
          `${untilGone} on the way at some moment between the kill and the process being seen gone`,
      },
      {
        text: 'each failure answered with JSON {"errors":…}, never HTML',
        pass: unshaped.length === 0,
        figures: `${unshaped.length} of ${reads.length + writes.length} failures were not${shapeList(unshaped)}`,
      },
    ];
  },
  'rolling-restart': (summary) => {
    const failures = allFailures(summary);
    return [
      {
        text: '0 failed requests of any kind',
        pass: failures.length === 0,
        figures: `${failures.length} of ${summary.exchanges.length} failed${statusList(failures)}`,
      },
    ];
  },
  'postgres-restart': (summary) => databaseBudgets(summary),
  'postgres-kill': (summary) => databaseBudgets(summary),
  'store-outage': (summary) => {
    const { window, pidsBefore, pidsAfter } = summary.phase;
    const uploads = summary.exchanges.filter((exchange) => exchange.kind === 'upload');
    const duringOutage = uploads.filter((exchange) => exchange.started < window.end);
    const misanswered = summary.failed.upload.filter((exchange) => !isRetryable503(exchange));
    const others = allFailures(summary).filter((exchange) => exchange.kind !== 'upload');
    const laterUploads = uploads.filter((exchange) => exchange.started >= window.end);
    const worked = laterUploads.filter((exchange) => exchange.failure === null).length;
    return [
      {
        text: 'uploads during the outage answer 503 JSON with Retry-After',
        pass: duringOutage.length > 0 && misanswered.length === 0,
        figures:
          duringOutage.length === 0
            ? 'no upload was sent during the outage'
            : `${duringOutage.length} sent during the outage, ${summary.failed.upload.length} failed, ` +
              `${misanswered.length} of them answered otherwise${shapeList(misanswered)}`,
      },
      {
        text: 'every other request unaffected',
        pass: others.length === 0,
        figures: `${others.length} of ${summary.exchanges.length - uploads.length} failed${statusList(others)}`,
      },
      {
        text: 'uploads work again afterwards without a restart',
        pass: worked > 0 && samePids(pidsBefore, pidsAfter),
        figures: `${worked} of ${laterUploads.length} uploads after the store was back succeeded; ${pidChange(pidsBefore, pidsAfter)}`,
      },
    ];
  },
  'renderer-kill': (summary) => [
    {
      text: '0 failed page loads',
      pass: summary.failed.page.length === 0,
      figures: `${summary.failed.page.length} of ${countKinds(summary, ['page'])} failed${statusList(summary.failed.page)}`,
    },
  ],
};

function databaseBudgets(summary: PhaseSummary): Budget[] {
  const { pidsBefore, pidsAfter } = summary.phase;
  const failures = allFailures(summary);
  const misanswered = failures.filter((exchange) => !isRetryable503(exchange));
  const slowest = summary.slowestFailedMs;
  return [
    {
      text: '0 acknowledged writes missing afterwards',
      pass: summary.missing.length === 0,
      figures: `${summary.missing.length} missing${summary.missing.length > 0 ? ` (${missingList(summary.missing)})` : ''}`,
    },
    {
      text: `reads and writes succeed again within ${seconds(DATABASE_RECOVERY_MS)} of the database being back`,
      pass: summary.recoveryMs !== undefined && summary.recoveryMs <= DATABASE_RECOVERY_MS,
      figures: summary.recoveryMs === undefined ? 'not within the recovery wait' : afterEnd(summary),
    },
    {
      text: 'no API process restarted',
      pass: samePids(pidsBefore, pidsAfter),
      figures: pidChange(pidsBefore, pidsAfter),
    },
    {
      text: 'failures answer 503 JSON with Retry-After',
      pass: misanswered.length === 0,
      figures: `${misanswered.length} of ${failures.length} failures answered otherwise${shapeList(misanswered)}`,
    },
    {
      text: `failures are fast (≤ ${seconds(FAST_FAILURE_MS)})`,
      pass: slowest === undefined || slowest <= FAST_FAILURE_MS,
      figures: slowest === undefined ? 'none failed' : `slowest failed request took ${Math.round(slowest)} ms`,
    },
  ];
}

/** e.g. ` (sent 40 ms before and 3 ms after the kill)`: when the failed requests were sent. */
function sentAt(exchanges: Exchange[], moment: number, what: string): string {
  if (exchanges.length === 0) return '';
  const offsets = exchanges.map((exchange) => {
    const ms = Math.round(exchange.started - moment);
    return ms < 0 ? `${-ms} ms before` : `${ms} ms after`;
  });
  return ` (sent ${offsets.join(', ')} ${what})`;
}

/** When the last failure after the fault's end came, in words. */
function afterEnd(summary: PhaseSummary): string {
  return summary.failedAfterEnd === 0
    ? "no request sent after the fault's end failed"
    : `${summary.failedAfterEnd} requests sent after the fault's end failed, the last ${seconds(summary.recoveryMs ?? 0)} after it`;
}

function byKind(exchanges: Exchange[]): Record<RequestKind, Exchange[]> {
  const kinds: Record<RequestKind, Exchange[]> = { read: [], write: [], page: [], upload: [] };
  for (const exchange of exchanges) kinds[exchange.kind].push(exchange);
  return kinds;
}

function allFailures(summary: PhaseSummary): Exchange[] {
  return Object.values(summary.failed).flat();
}

function countKinds(summary: PhaseSummary, kinds: RequestKind[]): number {
  return summary.exchanges.filter((exchange) => kinds.includes(exchange.kind)).length;
}

function isJsonError(exchange: Exchange): boolean {
  return /^application\/json\b/i.test(exchange.contentType) && exchange.errorShaped;
}

function isRetryable503(exchange: Exchange): boolean {
  return exchange.status === 503 && isJsonError(exchange) && exchange.retryAfter !== null;
}

function samePids(before: (number | undefined)[], after: (number | undefined)[]): boolean {
  return before.every((pid, index) => pid !== undefined && pid === after[index]);
}

function pidChange(before: (number | undefined)[], after: (number | undefined)[]): string {
  return samePids(before, after)
    ? `replica pids unchanged (${before.join(', ')})`
    : `replica pids ${before.map(String).join(', ')} → ${after.map(String).join(', ')}`;
}

/** e.g. ` (502×2, timeout×1)`; empty for none. */
export function statusList(exchanges: Exchange[]): string {
  if (exchanges.length === 0) return '';
  const counts = new Map<string, number>();
  for (const exchange of exchanges) {
    const key = exchange.status === 0 ? (exchange.failure ?? 'no answer') : String(exchange.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return ` (${[...counts].map(([key, count]) => `${key}×${count}`).join(', ')})`;
}

/** e.g. ` (502 text/html×2)`: how the answers that broke a rule were answered. */
function shapeList(exchanges: Exchange[]): string {
  if (exchanges.length === 0) return '';
  const counts = new Map<string, number>();
  for (const exchange of exchanges) {
    const key =
      exchange.status === 0
        ? (exchange.failure ?? 'no answer')
        : `${exchange.status} ${exchange.contentType.split(';')[0] || 'no content-type'}` +
          `${exchange.errorShaped ? '' : ' without errors'}${exchange.retryAfter === null ? ' without Retry-After' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return ` (${[...counts].map(([key, count]) => `${key}×${count}`).join(', ')})`;
}

function missingList(missing: MissingWrite[]): string {
  const counts = new Map<string, number>();
  for (const write of missing) counts.set(write.kind, (counts.get(write.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`).join(', ');
}
