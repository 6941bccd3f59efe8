// Article bodies, titles and comments are untrusted. A writer publishes markup and `javascript:`
// links meant to run script; in the editor's preview, on the published page (for the writer and
// for an anonymous reader) and in the comments, nothing runs, nothing is left in the DOM that
// could run, and the page's CSP never has to step in (the renderer already neutralised it all).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { person, signUp } from './support/app-actions.js';
import { openPage, saveScreenshot } from './support/browser.js';
import type { TestPage } from './support/browser.js';
import type { E2eStack } from './support/e2e-stack.js';
import { apiCallOf } from './support/page-helpers.js';
import { startStackAndBrowser } from './support/setup.js';
import { scenario } from './support/steps.js';

declare global {
  interface Window {
    /** Set only by the hostile payloads below, if one ever runs. */
    __pwned?: number;
    /** Content-Security-Policy violations the page reported (see recordCspViolations). */
    __cspViolations?: string[];
  }
}

const SCRIPT_TAG = '<script>window.__pwned=2</script>';
const IMG_ONERROR = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_BODY = [
  'Perfectly ordinary introduction.',
  IMG_ONERROR,
  SCRIPT_TAG,
  '[x](javascript:window.__pwned=3)',
  '[say hello](javascript:alert(document.domain))',
  '<a href="javascript:window.__pwned=4">raw link</a> and <svg onload="window.__pwned=5"></svg>',
  '![y](javascript:window.__pwned=6)',
].join('\n\n');
const TITLE = 'Tricks <img src=x onerror="window.__pwned=7">';
const HOSTILE_COMMENT = '<img src=x onerror="window.__pwned=8"> nice one';

/** Collects CSP violations in window.__cspViolations from the first script on (all pages of `context`). */
async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
}

/** Nothing ran and nothing that could run is in the page. */
async function assertInert({ page, problems }: TestPage, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const dangerous: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (element.tagName === 'SCRIPT') dangerous.push(`<script> ${element.textContent ?? ''}`);
      for (const attribute of element.attributes) {
        const value = attribute.value.trim().toLowerCase();
        if (attribute.name.startsWith('on'))
          dangerous.push(`${element.tagName} ${attribute.name}="${attribute.value}"`);
        if (
          ['href', 'src', 'xlink:href', 'action', 'formaction'].includes(attribute.name) &&
          value.startsWith('javascript:')
        ) {
          dangerous.push(`${element.tagName} ${attribute.name}="${attribute.value}"`);
        }
      }
    }
    return { pwned: window.__pwned, csp: window.__cspViolations ?? null, dangerous };
  });
  assert.equal(found.pwned, undefined, `${where}: a payload ran`);
  assert.deepEqual(problems.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(found.dangerous, [], `${where}: executable markup in the DOM`);
  assert.deepEqual(found.csp, [], `${where}: the CSP had to block something`);
  assert.deepEqual(problems.errors, [], `${where}: the page threw`);
}

describe('Hostile article content, in a browser through nginx', () => {
  let stack: E2eStack;
  let browser: Browser;
  let writer: TestPage;
  let visitor: TestPage;
  let slug = '';
  const { step } = scenario(() =>
    Promise.all([
      saveScreenshot(writer.page, 'failed-hostile-writer'),
      saveScreenshot(visitor.page, 'failed-hostile-reader'),
    ]),
  );

  before(
    async () => {
      ({ stack, browser } = await startStackAndBrowser('hostile'));
      [writer, visitor] = await Promise.all([openPage(browser, stack.url), openPage(browser, stack.url)]);
      await Promise.all([recordCspViolations(writer.context), recordCspViolations(visitor.context)]);
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await browser?.close();
      await stack?.stop();
    },
    { timeout: 60_000 },
  );

  step(
    'When a writer previews a hostile body in the editor, then nothing runs and the markup shows as text',
    async () => {
      const { page } = writer;
      await signUp(page, person('mallory_writes'));
      await page.goto('/editor');
      await page.getByLabel('Title').fill(TITLE);
      await page.getByLabel('What is it about?').fill('<script>window.__pwned=9</script>');
      await page.getByRole('textbox', { name: 'Article' }).fill(HOSTILE_BODY);

      await page.getByRole('group', { name: 'Body view' }).getByRole('button', { name: 'Preview' }).click();
      const preview = page.getByRole('region', { name: 'Preview of the body' });
      await preview.getByText('Perfectly ordinary introduction.').waitFor();

      await assertInert(writer, 'editor preview');
      await preview.getByText(SCRIPT_TAG).waitFor();
    },
  );

  step('When the hostile article is published and its links are clicked, then nothing runs', async () => {
    const { page } = writer;
    const { article } = await apiCallOf<{ article: { slug: string } }>(page, 'POST', '/articles', 201, () =>
      page.getByRole('button', { name: 'Publish article' }).click(),
    );
    slug = article.slug;
    await page.waitForURL(`/article/${slug}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const body = page.getByRole('article');
    await body.getByText('Perfectly ordinary introduction.').waitFor();
    await assertInert(writer, 'published article (writer)');
    await body.getByText(IMG_ONERROR).waitFor();
    await body.getByText(SCRIPT_TAG).waitFor();

    // Markdown links whose javascript: target the renderer dropped: clicking them does nothing.
    for (const name of ['x', 'say hello']) {
      await body.getByText(name, { exact: true }).click();
    }
    assert.equal(new URL(page.url()).pathname, `/article/${slug}`, 'a click navigated away');
    await assertInert(writer, 'published article after the clicks');
    await saveScreenshot(page, 'hostile-article');
  });

  step('When an anonymous reader opens the article and the home page, then nothing runs', async () => {
    const { page } = visitor;
    await page.goto(`/article/${slug}`);
    await page.getByRole('article').getByText('Perfectly ordinary introduction.').waitFor();
    await assertInert(visitor, 'published article (reader)');

    await page.goto('/');
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
    await assertInert(visitor, 'home page card');
  });

  step('When a hostile comment is posted, then it shows as text and nothing runs', async () => {
    const { page } = writer;
    await page.getByLabel('Comment as mallory_writes').fill(HOSTILE_COMMENT);
    await apiCallOf(page, 'POST', `/articles/${slug}/comments`, 200, () =>
      page.getByRole('button', { name: 'Post comment' }).click(),
    );
    await page.getByRole('list', { name: 'Comments, newest first' }).getByText(HOSTILE_COMMENT).waitFor();
    await assertInert(writer, 'comment (writer)');

    await visitor.page.goto(`/article/${slug}`);
    await visitor.page.getByRole('list', { name: 'Comments, newest first' }).getByText(HOSTILE_COMMENT).waitFor();
    await assertInert(visitor, 'comment (reader)');
  });
});
