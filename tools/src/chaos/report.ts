// The chaos run's report: one table row per fault (and one for the calm spells between them),
// then each fault's budgets as PASS/FAIL with their figures, what the replicas' metrics and the
// stack's logs said, a few failed requests, the ledger's check, and the verdict.
import type { Budget, CalmSummary, PhaseSummary } from './budgets.js';
import { statusList } from './budgets.js';
import { seconds } from './faults.js';
import type { ReplicaMetrics } from './metrics.js';
import type { Exchange } from './recorder.js';
import type { Verification } from './verify.js';

export interface PhaseReport extends PhaseSummary {
  /** The stack's own lines (restarts, deploy steps) and its children's warnings, grouped. */
  logs: string[];
}

export interface ChaosReport {
  /** How the run was set up, one line each. */
  setup: string[];
  phases: PhaseReport[];
  calm: CalmSummary;
  verification: Verification;
  ledger: Budget;
  /** Requests sent in all, and the writes the accounts' budgets turned into reads. */
  sent: number;
  deferred: number;
  /** Faults asked for but not run (the time limit came first). */
  skipped: string[];
  passed: boolean;
}

const EXAMPLES = 5;

/** Every budget of the run, labelled with its fault. */
export function allBudgets(report: Omit<ChaosReport, 'passed'>): Array<Budget & { scope: string }> {
  return [
    ...report.phases.flatMap((phase) => phase.budgets.map((budget) => ({ ...budget, scope: phase.phase.fault.id }))),
    ...report.calm.budgets.map((budget) => ({ ...budget, scope: 'calm' })),
    { ...report.ledger, scope: 'ledger' },
    ...report.skipped.map((id) => ({
      text: 'run',
      pass: false,
      figures: 'not run: the time limit came first',
      scope: id,
    })),
  ];
}

export function formatReport(report: ChaosReport): string {
  const lines = [...report.setup, '', ...table(report), ''];
  for (const phase of report.phases) lines.push(...phaseSection(phase), '');
  lines.push(
    'calm spells before each fault',
    ...report.calm.budgets.map(budgetLine),
    ...examples(report.calm.failed),
    '',
  );
  lines.push(...ledgerSection(report), '');
  const budgets = allBudgets(report);
  const missed = budgets.filter((budget) => !budget.pass);
  lines.push(
    missed.length === 0
      ? `PASS: all ${budgets.length} budgets met (${report.sent.toLocaleString('en')} requests)`
      : `FAIL: ${missed.length} of ${budgets.length} budgets missed: ${missed.map((budget) => `${budget.scope}: ${budget.text}`).join('; ')}`,
  );
  return lines.join('\n');
}

function table(report: ChaosReport): string[] {
  const header = [
    'fault',
    'sent',
    'failed reads',
    'failed writes',
    'failed pages',
    'failed uploads',
    'acked missing',
    'recovery',
    'slowest failure',
  ];
  const rows = report.phases.map((summary) => [
    summary.phase.fault.id,
    String(summary.exchanges.length),
    String(summary.failed.read.length),
    `${summary.failed.write.length}${statusList(summary.failed.write)}`,
    String(summary.failed.page.length),
    `${summary.failed.upload.length}${statusList(summary.failed.upload)}`,
    String(summary.missing.length),
    summary.recoveryMs === undefined ? 'not recovered' : seconds(summary.recoveryMs),
    summary.slowestFailedMs === undefined ? '-' : `${Math.round(summary.slowestFailedMs)} ms`,
  ]);
  const calm = report.calm.failed;
  rows.push([
    'calm (before each)',
    String(report.calm.exchanges.length),
    String(calm.filter((exchange) => exchange.kind === 'read').length),
    String(calm.filter((exchange) => exchange.kind === 'write').length),
    String(calm.filter((exchange) => exchange.kind === 'page').length),
    String(calm.filter((exchange) => exchange.kind === 'upload').length),
    '-',
    '-',
    '-',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const format = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)];
}

function phaseSection(summary: PhaseReport): string[] {
  const { phase } = summary;
  return [
    `${phase.fault.id}: ${phase.fault.title}`,
    ...phase.window.notes.map((note) => `  ${note}`),
    ...summary.budgets.map(budgetLine),
    `  ${pagesLine(summary.exchanges)}`,
    `  metrics: ${metricsLine(phase.metricsBefore, phase.metricsAfter)}`,
    ...examples(Object.values(summary.failed).flat()),
    ...summary.logs.map((line) => `  log: ${line}`),
  ];
}

function budgetLine(budget: Budget): string {
  return `  ${budget.pass ? 'PASS' : 'FAIL'}  ${budget.text}: ${budget.figures}`;
}

/** The first few failures, and the slowest when it is not among them. */
function examples(failures: Exchange[]): string[] {
  if (failures.length === 0) return [];
  const shown = failures.slice(0, EXAMPLES);
  const slowest = failures.reduce((a, b) => (b.ended - b.started > a.ended - a.started ? b : a));
  if (!shown.includes(slowest)) shown.push(slowest);
  return [
    `  failed requests (${shown.length} of ${failures.length}):`,
    ...shown.map(
      (exchange) =>
        `    ${exchange.op} ${exchange.method} ${exchange.path} → ${exchange.status === 0 ? exchange.failure : exchange.status}` +
        `${exchange.contentType ? ` ${exchange.contentType.split(';')[0]}` : ''}` +
        `${exchange.retryAfter === null ? '' : ` Retry-After: ${exchange.retryAfter}`}` +
        ` in ${Math.round(exchange.ended - exchange.started)} ms${exchange.excerpt ? `: ${exchange.excerpt.slice(0, 160)}` : ''}`,
    ),
  ];
}

/** How many pages the renderers served, and how many nginx's fallback to the app served instead. */
function pagesLine(exchanges: Exchange[]): string {
  const pages = exchanges.filter((exchange) => exchange.kind === 'page' && exchange.failure === null);
  const rendered = pages.filter((exchange) => exchange.rendered).length;
  return `pages: ${pages.length} loaded, ${rendered} rendered, ${pages.length - rendered} the app's fallback (not rendered)`;
}

/** Per replica: requests answered during the phase (5xx among them) and its pool afterwards. */
function metricsLine(before: ReplicaMetrics[], after: ReplicaMetrics[]): string {
  return after
    .map((now, index) => {
      const then = before[index] ?? {};
      const restarted = then.startTime !== undefined && now.startTime !== undefined && now.startTime !== then.startTime;
      const delta = (a: number | undefined, b: number | undefined): string =>
        b === undefined ? 'n/a' : String(restarted || a === undefined ? b : b - a);
      const pool = now.pool
        ? `pool total ${now.pool.total ?? 'n/a'} idle ${now.pool.idle ?? 'n/a'} waiting ${now.pool.waiting ?? 'n/a'}`
        : 'pool n/a';
      return (
        `api-${index + 1} answered ${delta(then.requests, now.requests)} (5xx ${delta(then.serverErrors, now.serverErrors)})` +
        `${restarted ? ' since its restart' : ''}, ${pool}`
      );
    })
    .join('; ');
}

function ledgerSection(report: ChaosReport): string[] {
  const { checked, missing, unknownFavorites } = report.verification;
  const lines = [
    `ledger: ${checked.article} articles, ${checked.comment} comments, ${checked.favorite} favorite states ` +
      `(${unknownFavorites} left unchecked: a request after the last acknowledged one failed), ${checked.asset} images`,
    budgetLine(report.ledger),
    ...missing.slice(0, EXAMPLES).map((write) => `    missing ${write.kind} ${write.what}: found ${write.found}`),
    `writes and uploads the accounts' budgets turned into reads: ${report.deferred}`,
  ];
  return lines;
}
