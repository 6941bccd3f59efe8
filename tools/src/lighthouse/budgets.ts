// The web app's budgets, and the Markdown table that shows each measurement against them.
import type { AccessibilityAudit, Category, PageAudit } from './audit.js';
import type { FirstPreviewTimings } from './first-preview.js';

/** Lighthouse scores (0–100) each audited page must reach. */
export const SCORE_BUDGETS: Record<Category, number> = {
  performance: 98,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
};
/** Largest Contentful Paint under Lighthouse's mobile throttling: the server-rendered page paints at once. */
export const LCP_BUDGET_MS = 1200;
/** Cumulative Layout Shift: hydration and late images must not move what the server rendered. */
export const CLS_BUDGET = 0.02;
/** Median cold visit, unthrottled, until the first article preview is painted. */
export const FIRST_PREVIEW_BUDGET_MS = 400;

const LABELS: Record<Category, string> = {
  performance: 'performance',
  accessibility: 'accessibility',
  'best-practices': 'best practices',
  seo: 'SEO',
};

export interface Verdict {
  table: string;
  /** One line per missed budget; empty when all hold. */
  missed: string[];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mark = (ok: boolean): string => (ok ? '' : ' ✗');

/** The results as a Markdown table, and which budgets they miss. */
export function judge(
  audits: PageAudit[],
  preview: FirstPreviewTimings | undefined,
  accessibilityAudits: AccessibilityAudit[] = [],
): Verdict {
  const missed: string[] = [];
  const categories = Object.keys(SCORE_BUDGETS) as Category[];
  const rows = [
    `| page | ${categories.map((c) => LABELS[c]).join(' | ')} | LCP | FCP | TBT | CLS | Speed Index | runs |`,
    `|---|${categories.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|---:|`,
    `| *budget* | ${categories.map((c) => `≥ ${SCORE_BUDGETS[c]}`).join(' | ')} | ≤ ${seconds(LCP_BUDGET_MS)} | | | ≤ ${CLS_BUDGET} | | |`,
  ];
  for (const audit of audits) {
    const cells = categories.map((category) => {
      const ok = audit.scores[category] >= SCORE_BUDGETS[category];
      if (!ok) missed.push(`${audit.page}: ${LABELS[category]} ${audit.scores[category]} < ${SCORE_BUDGETS[category]}`);
      return `${audit.scores[category]}${mark(ok)}`;
    });
    const lcpOk = audit.metrics.lcp <= LCP_BUDGET_MS;
    if (!lcpOk) missed.push(`${audit.page}: LCP ${seconds(audit.metrics.lcp)} > ${seconds(LCP_BUDGET_MS)}`);
    const clsOk = audit.metrics.cls <= CLS_BUDGET;
    if (!clsOk) missed.push(`${audit.page}: CLS ${audit.metrics.cls.toFixed(3)} > ${CLS_BUDGET}`);
    const { fcp, lcp, tbt, cls, speedIndex } = audit.metrics;
    rows.push(
      `| ${audit.page} | ${cells.join(' | ')} | ${seconds(lcp)}${mark(lcpOk)} | ${seconds(fcp)} | ${Math.round(tbt)} ms | ` +
        `${cls.toFixed(3)}${mark(clsOk)} | ${seconds(speedIndex)} | ${audit.runs} |`,
    );
  }
  const lines = [...rows];
  if (preview) {
    const ok = preview.median <= FIRST_PREVIEW_BUDGET_MS;
    if (!ok)
      missed.push(`first article preview: median ${Math.round(preview.median)} ms > ${FIRST_PREVIEW_BUDGET_MS} ms`);
    lines.push(
      '',
      `First article preview, cold visit, unthrottled: median ${Math.round(preview.median)} ms${mark(ok)} ` +
        `(budget ≤ ${FIRST_PREVIEW_BUDGET_MS} ms; visits: ${preview.visits.map((ms) => Math.round(ms)).join(', ')} ms)`,
    );
  }
  for (const audit of accessibilityAudits) {
    const ok = audit.score >= SCORE_BUDGETS.accessibility;
    if (!ok) missed.push(`${audit.page}: accessibility ${audit.score} < ${SCORE_BUDGETS.accessibility}`);
    lines.push(
      '',
      `${audit.page}, accessibility alone (signed in): ${audit.score}${mark(ok)} (budget ≥ ${SCORE_BUDGETS.accessibility})`,
    );
  }
  return { table: lines.join('\n'), missed };
}
