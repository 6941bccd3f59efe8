// Lighthouse 12 with its default configuration: a mid-range phone (Moto G Power viewport and
// DPR), simulated slow 4G and a 4x slower CPU, all four categories. Each page is audited several
// times in one headless Chromium (Lighthouse clears the cache and storage before each run) and the
// run Lighthouse itself calls the median (closest to the median FCP and TTI) is kept.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Artifacts, Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { formatLcpPath, simulateLcpPath } from './lcp-path.js';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and nothing in the background that would add requests or CPU time to a run. */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Lighthouse's errors about recording the run rather than about the page. */
const RETRYABLE = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_TRACING_STARTED', 'PROTOCOL_TIMEOUT']);
const MAX_RETRIES = 3;

export interface PageAudit {
  page: string;
  url: string;
  runs: number;
  /** 0–100, as Lighthouse shows them, of the median run. */
  scores: Record<Category, number>;
  /** Milliseconds (CLS: unitless), of the median run. */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; speedIndex: number };
  /** Scored audits of the median run that did not pass, as "category: title (score)". */
  failing: string[];
  /** Every run's performance score and LCP, to show the spread. */
  spread: Array<{ performance: number; lcp: number }>;
  /** The median run's simulated LCP, request by request (see lcp-path.ts). */
  lcpPath: string[];
  report: Result;
}

/** A page audited for accessibility alone, e.g. one only a signed-in writer sees. */
export interface AccessibilityAudit {
  page: string;
  url: string;
  /** 0–100, as Lighthouse shows it. */
  score: number;
  /** Scored accessibility audits that did not pass. */
  failing: string[];
  report: Result;
}

export interface Auditor {
  /** The DevTools port of the Chromium it drives, for preparing a page (signing in) first. */
  readonly port: number;
  audit(page: string, url: string, runs: number): Promise<PageAudit>;
  /**
   * Accessibility only, keeping what the browser stores (Lighthouse clears it otherwise), so a
   * session set up beforehand holds. Performance is not measured: it needs a cold, empty browser.
   */
  accessibility(page: string, url: string): Promise<AccessibilityAudit>;
  close(): Promise<void>;
}

/** Starts Chromium with a DevTools port for Lighthouse to drive. */
export async function startAuditor(): Promise<Auditor> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_FLAGS,
    logLevel: 'silent',
  });
  return {
    port: chrome.port,
    async accessibility(page, url) {
      const outcome = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['accessibility'],
        disableStorageReset: true,
      });
      if (!outcome) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = outcome;
      if (lhr.runtimeError) {
        throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      }
      return {
        page,
        url,
        score: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        failing: failingAudits(lhr, ['accessibility']),
        report: lhr,
      };
    },
    async audit(page, url, runs) {
      const results: Result[] = [];
      const artifacts = new Map<Result, Artifacts>();
      let retries = 0;
      while (results.length < runs) {
        const outcome = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
        if (!outcome) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = outcome;
        if (lhr.runtimeError) {
          // A trace Chromium failed to record (NO_NAVSTART, NO_FCP on a busy machine) says nothing
          // about the page: run it again, a few times at most.
          retries += 1;
          if (retries <= MAX_RETRIES && RETRYABLE.has(lhr.runtimeError.code)) continue;
          throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        }
        results.push(lhr);
        artifacts.set(lhr, outcome.artifacts);
      }
      const median = computeMedianRun(results);
      const medianArtifacts = artifacts.get(median);
      if (!medianArtifacts) throw new Error('the median run has no artifacts');
      const lcpPath = formatLcpPath(await simulateLcpPath(medianArtifacts, median), new URL(url).origin);
      return summarize(page, url, results, median, lcpPath);
    },
    async close() {
      chrome.kill();
    },
  };
}

function summarize(page: string, url: string, results: Result[], median: Result, lcpPath: string[]): PageAudit {
  const numeric = (lhr: Result, id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN;
  const score = (lhr: Result, category: Category): number => Math.round((lhr.categories[category]?.score ?? 0) * 100);
  return {
    page,
    url,
    runs: results.length,
    scores: Object.fromEntries(CATEGORIES.map((category) => [category, score(median, category)])) as Record<
      Category,
      number
    >,
    metrics: {
      fcp: numeric(median, 'first-contentful-paint'),
      lcp: numeric(median, 'largest-contentful-paint'),
      tbt: numeric(median, 'total-blocking-time'),
      cls: numeric(median, 'cumulative-layout-shift'),
      speedIndex: numeric(median, 'speed-index'),
    },
    failing: failingAudits(median),
    spread: results.map((lhr) => ({
      performance: score(lhr, 'performance'),
      lcp: numeric(lhr, 'largest-contentful-paint'),
    })),
    lcpPath,
    report: median,
  };
}

/** What costs points: every weighted audit below a full score. */
function failingAudits(lhr: Result, categories: readonly Category[] = CATEGORIES): string[] {
  const failing: string[] = [];
  for (const category of categories) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        failing.push(`${category}: ${audit.title} (${audit.displayValue ?? Math.round(audit.score * 100)})`);
      }
    }
  }
  return failing;
}
