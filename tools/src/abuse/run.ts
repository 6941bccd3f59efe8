// Walks the abuse cases, in order, against a running system and reports each: what was expected,
// what came back, and whether that is the fixed behaviour. A case that throws (no answer, a
// sign-up refused) fails with the reason; the next one still runs.
import { loopbackTarget } from '../fuzz/http.js';
import { type AbuseCase, Context } from './context.js';
import { edgeCases } from './edge-cases.js';
import { inputCases } from './input-cases.js';
import { limitCases } from './limit-cases.js';
import { sessionCases } from './session-cases.js';

/** Every case, in the order they run: the rate limits last (see limit-cases.ts). */
export const ABUSE_CASES: readonly AbuseCase[] = [...sessionCases, ...inputCases, ...edgeCases, ...limitCases];

export interface AbuseOptions {
  /** The site, e.g. http://127.0.0.1:8080 (nginx in front of the API); loopback only. */
  baseUrl: string;
  /** The loopback address to send from; default a random one per run (loopbackTarget). */
  sourceAddress?: string;
  /** Case ids to leave out. */
  skip?: readonly string[];
  /** Longest a request may wait for its answer; default 30 s. */
  requestTimeoutMs?: number;
  /** Longest the body of 200,000 invalid items may take to be refused; default 250 ms. */
  slowMs?: number;
}

/**
 * The event loop blocked for about half a second on such a body before validation stopped early;
 * a refusal within half that, end to end through nginx, shows it no longer does.
 */
export const DEFAULT_SLOW_MS = 250;

export interface AbuseResult {
  id: string;
  expected: string;
  got: string;
  pass: boolean;
}

export interface AbuseReport {
  sourceAddress: string | undefined;
  results: AbuseResult[];
  passed: number;
  failed: number;
  skipped: string[];
}

/** Runs the cases (all but `skip`) against `options.baseUrl`. */
export async function runAbuse(options: AbuseOptions): Promise<AbuseReport> {
  const target = loopbackTarget(options.baseUrl, options.requestTimeoutMs ?? 30_000, options.sourceAddress);
  const unknown = (options.skip ?? []).filter((id) => !ABUSE_CASES.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`no such case: ${unknown.join(', ')}`);
  const runId = Date.now().toString(36).slice(-6);
  const context = new Context(target, runId, options.slowMs ?? DEFAULT_SLOW_MS);

  const report: AbuseReport = { sourceAddress: target.localAddress, results: [], passed: 0, failed: 0, skipped: [] };
  for (const abuseCase of ABUSE_CASES) {
    if (options.skip?.includes(abuseCase.id)) {
      report.skipped.push(abuseCase.id);
      continue;
    }
    const outcome = await abuseCase.run(context).catch((error: unknown) => ({
      got: `failed: ${error instanceof Error ? error.message : String(error)}`,
      pass: false,
    }));
    report.results.push({ id: abuseCase.id, expected: abuseCase.expected, ...outcome });
    if (outcome.pass) report.passed += 1;
    else report.failed += 1;
  }
  return report;
}

/** The report as a table (case, expected, got, pass) and the counts. */
export function formatReport(report: AbuseReport): string {
  const rows = [
    ['case', 'expected', 'got', 'pass'],
    ...report.results.map((result) => [result.id, result.expected, result.got, result.pass ? 'yes' : 'NO']),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  ') + '  ----');
  const total = report.results.length;
  lines.push(
    '',
    `${report.passed} of ${total} cases passed, ${report.failed} failed` +
      (report.skipped.length > 0 ? `; skipped: ${report.skipped.join(', ')}` : '') +
      (report.sourceAddress ? ` (sent from ${report.sourceAddress})` : ''),
  );
  return lines.join('\n');
}
