// The web app's budgets, measured on the real thing: a throwaway stack (nginx, the API, the web
// renderer, local S3, the production web build) seeded with the demo data set and its uploaded
// images; Lighthouse 12 (mobile preset: emulated phone, simulated slow 4G, 4x CPU) on the home
// page, an article with a cover and its author's profile, as an anonymous visitor gets them
// (rendered on the server); then cold visits in Chromium, unthrottled, timed until the first
// article preview is painted; and the editor's accessibility, as a signed-in writer sees it.
// Prints a Markdown table, and for each page the requests Lighthouse's simulated LCP waited for
// (lighthouse/lcp-path.ts); exits 1 when a budget is missed (unless --no-fail). Traffic goes to
// localhost only; everything it started is stopped and its data removed at the end. The median runs' reports are written to
// tools/test-artifacts/lighthouse/ (HTML and JSON).
//
// Usage: npm run lighthouse -w tools -- [--no-fail] [--runs 3] [--visits 5]
//                                       [--articles 60] [--users 12] [--url http://localhost:8080]
//   Needs the API and web builds (npm run build). --url audits a site that is already running and
//   seeded instead of starting one (its home page, newest article with a cover and its author).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { generateReport } from 'lighthouse';
import type { Result } from 'lighthouse';
import { chromium } from 'playwright-core';
import { type AccessibilityAudit, type PageAudit, startAuditor } from './lighthouse/audit.js';
import { judge } from './lighthouse/budgets.js';
import { type FirstPreviewTimings, measureFirstPreview } from './lighthouse/first-preview.js';
import { type MeasuredSite, type SitePage, sitePages, startMeasuredSite } from './lighthouse/site.js';
import { prefixedOutput } from './processes.js';
import { explain, runSupervised } from './supervise.js';

const REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts', 'lighthouse');

const { values } = parseArgs({
  options: {
    'no-fail': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    visits: { type: 'string', default: '5' },
    articles: { type: 'string', default: '60' },
    users: { type: 'string', default: '12' },
    url: { type: 'string' },
  },
});

function count(name: 'runs' | 'visits' | 'articles' | 'users', min: number, max: number): number {
  const raw = values[name];
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const runs = count('runs', 1, 20);
const visits = count('visits', 1, 50);
const articles = count('articles', 1, 10_000);
const users = count('users', 2, 1_000);

await runSupervised(async (shutdown) => {
  const log = (line: string): void => prefixedOutput('lighthouse', line, 'stdout');
  const aborter = new AbortController();
  void shutdown.then(() => aborter.abort());
  let site: MeasuredSite | undefined;
  const stopped = shutdown.then((reason): never => {
    throw new Error(`stopped (${reason})`);
  });

  const run = async (): Promise<boolean> => {
    site = values.url
      ? await existingSite(values.url)
      : await startMeasuredSite({ articles, users, log, signal: aborter.signal });
    log(`site at ${site.url}`);
    const { audits, signedIn } = await auditPages(site.url, site.pages, log);
    const home = site.pages.find((page) => page.name === 'home');
    let preview: FirstPreviewTimings | undefined;
    if (home) {
      log(`first article preview: ${visits} cold visits to ${home.url}`);
      preview = await measureFirstPreview(home.url, visits);
    }
    const verdict = judge(audits, preview, signedIn);
    console.log(`\n${verdict.table}\n`);
    for (const audit of [...audits, ...signedIn]) {
      if (audit.failing.length > 0) console.log(`${audit.page}, what costs points:\n  ${audit.failing.join('\n  ')}`);
      if (!('lcpPath' in audit)) continue;
      console.log(`${audit.page}, ${audit.lcpPath.join('\n')}\n`);
    }
    console.log(`reports: ${path.relative(process.cwd(), REPORTS_DIR) || REPORTS_DIR}`);
    if (verdict.missed.length > 0) console.log(`\nmissed:\n  ${verdict.missed.join('\n  ')}`);
    else console.log('\nall budgets hold');
    return verdict.missed.length === 0;
  };

  try {
    const ok = await Promise.race([run(), stopped]);
    return ok || values['no-fail'] ? 0 : 1;
  } catch (error) {
    console.error(explain(error));
    return 1;
  } finally {
    await site?.stop().catch((error: unknown) => console.error(explain(error)));
  }
});

/** The public pages as anonymous visitors get them, then the editor as a signed-in writer does. */
async function auditPages(
  origin: string,
  pages: SitePage[],
  log: (line: string) => void,
): Promise<{ audits: PageAudit[]; signedIn: AccessibilityAudit[] }> {
  const auditor = await startAuditor();
  const save = async (name: string, report: Result): Promise<void> => {
    await writeFile(path.join(REPORTS_DIR, `${name}.html`), generateReport(report, 'html'));
    await writeFile(path.join(REPORTS_DIR, `${name}.json`), generateReport(report, 'json'));
  };
  try {
    await mkdir(REPORTS_DIR, { recursive: true });
    const audits: PageAudit[] = [];
    for (const page of pages) {
      log(`Lighthouse, ${runs} run(s): ${page.url}`);
      const audit = await auditor.audit(page.name, page.url, runs);
      await save(page.name, audit.report);
      audits.push(audit);
    }
    log(`Lighthouse, accessibility, signed in: ${origin}/editor`);
    await signInWriter(origin, auditor.port);
    const editor = await auditor.accessibility('editor', `${origin}/editor`);
    await save('editor', editor.report);
    return { audits, signedIn: [editor] };
  } finally {
    await auditor.close();
  }
}

/**
 * Signs a new writer up through the API and stores the session in the audited Chromium as the
 * app does after a sign-in (web/src/lib/session.ts): the user, token included, in localStorage
 * under `inkwell.session`, and the hint cookie nginx routes by.
 */
async function signInWriter(origin: string, port: number): Promise<void> {
  const name = `auditor${randomBytes(4).toString('hex')}`;
  const response = await fetch(`${origin}/api/v1/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      user: { username: name, email: `${name}@example.com`, password: randomBytes(12).toString('hex') },
    }),
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 201)
    throw new Error(`signing a writer up answered ${response.status}: ${await response.text()}`);
  const { user } = (await response.json()) as { user: unknown };
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    await page.goto(`${origin}/login`);
    await page.evaluate(`localStorage.setItem('inkwell.session', ${JSON.stringify(JSON.stringify(user))})`);
    await context.addCookies([{ name: 'inkwell_session', value: '1', url: origin }]);
    // The editor is what a signed-in writer gets there, not the sign-in page: the session holds.
    await page.goto(`${origin}/editor`);
    await page.getByLabel('Title', { exact: true }).waitFor({ timeout: 15_000 });
    await page.close();
  } finally {
    // Connected, not launched: this only disconnects, and the browser keeps what was stored.
    await browser.close();
  }
}

/** A site someone else started and seeded. */
async function existingSite(url: string): Promise<MeasuredSite> {
  const { hostname, origin } = new URL(url);
  if (!['localhost', '127.0.0.1', '[::1]'].includes(hostname)) {
    console.error(`--url must point at this machine (localhost), not ${hostname}`);
    process.exit(2);
  }
  return { url: origin, pages: await sitePages(origin), stop: async () => undefined };
}
