// Article bodies, titles and comments are untrusted. A writer publishes markup and `javascript:`
// links meant to run script; in the editor's preview, on the published page (for the writer and
// for an anonymous reader) and in the comments, nothing runs, nothing is left in the DOM that
// could run, and the page's CSP never has to step in (the renderer already neutralised it all).
// Anonymous readers get the pages rendered on the server: their HTML alone (read with JavaScript
// off) holds no script but the app's own and data blocks that parse, whatever a title does to
// break out of a <script> or the JSON-LD; and the RSS feed and the sitemap stay well-formed XML.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { signUpThroughApi } from './support/api-actions.js';
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
/** Aimed at what a server renderer writes into <script> elements: state for hydration, JSON-LD. */
const BREAKOUT_TITLE = '</script><script>window.__pwned=10</script><!--';
const BREAKOUT_DESCRIPTION = '"}]}</script><script type="application/ld+json">{"@type":"x"}</script>\u2028\u2029';
const BREAKOUT_BODY = ['</script><script>window.__pwned=12</script>', '<!-- ]]> -->', '`</script>` in code'].join(
  '\n\n',
);
const BREAKOUT_COMMENT = '</SCRIPT><script>window.__pwned=13</script>';

/** Collects CSP violations in window.__cspViolations from the first script on (all pages of `context`). */
async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
}

/**
 * Runs in the page: what in the whole document could run. A <script> may only be the app's own
 * bundle (same origin, /assets/) or a data block that parses as JSON (the server's embedded query
 * state, JSON-LD); no element may carry an event handler or a javascript: URL. Also returns the
 * JSON-LD headlines, the <h1> and the <title>. An arrow function with no named functions inside,
 * as page.evaluate needs (see the e2e README).
 */
const scanDocument = () => {
  const dangerous: string[] = [];
  const headlines: string[] = [];
  for (const script of document.querySelectorAll('script')) {
    const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
    const src = script.getAttribute('src');
    if (src !== null) {
      const url = new URL(src, document.baseURI);
      if (url.origin !== location.origin || !url.pathname.startsWith('/assets/')) dangerous.push(`<script src=${src}>`);
    } else if (type === 'application/json' || type === 'application/ld+json') {
      try {
        const data: unknown = JSON.parse(script.textContent ?? '');
        if (type === 'application/ld+json' && typeof data === 'object' && data !== null && 'headline' in data) {
          headlines.push(String((data as { headline: unknown }).headline));
        }
      } catch {
        dangerous.push(`<script type=${type}> that does not parse: ${(script.textContent ?? '').slice(0, 300)}`);
      }
    } else {
      dangerous.push(`<script type="${type}"> ${(script.textContent ?? '').slice(0, 300)}`);
    }
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith('on')) dangerous.push(`${element.tagName} ${attribute.name}="${attribute.value}"`);
      if (
        ['href', 'src', 'xlink:href', 'action', 'formaction'].includes(attribute.name) &&
        value.startsWith('javascript:')
      ) {
        dangerous.push(`${element.tagName} ${attribute.name}="${attribute.value}"`);
      }
    }
  }
  return { dangerous, headlines, h1: document.querySelector('h1')?.textContent ?? null, title: document.title };
};

/** Nothing ran and nothing that could run is in the page. */
async function assertInert({ page, problems }: TestPage, where: string): Promise<void> {
  const { dangerous } = await page.evaluate(scanDocument);
  const found = await page.evaluate(() => ({ pwned: window.__pwned, csp: window.__cspViolations ?? null }));
  assert.equal(found.pwned, undefined, `${where}: a payload ran`);
  assert.deepEqual(problems.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(dangerous, [], `${where}: executable markup in the DOM`);
  assert.deepEqual(found.csp, [], `${where}: the CSP had to block something`);
  assert.deepEqual(problems.errors, [], `${where}: the page threw`);
}

/**
 * The server's HTML, read with JavaScript off: nothing executable (scanDocument), and an article's
 * title said as written in the heading, the <title> and the JSON-LD headline.
 */
async function assertServerHtmlInert(page: TestPage['page'], where: string, title?: string): Promise<void> {
  const found = await page.evaluate(scanDocument);
  assert.deepEqual(found.dangerous, [], `${where}: the server HTML holds executable markup`);
  if (title !== undefined) {
    assert.equal(found.h1, title, `${where}: the heading`);
    assert.ok(found.title.includes(title), `${where}: <title> is "${found.title}"`);
    assert.deepEqual(found.headlines, [title], `${where}: the JSON-LD headline`);
  }
}

/** Parses XML in the page as a feed reader would; the problems of a document that is not well-formed. */
async function xmlProblems(page: TestPage['page'], text: string): Promise<string | null> {
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
  }, text);
}

describe('Hostile article content, in a browser through nginx', () => {
  let stack: E2eStack;
  let browser: Browser;
  let writer: TestPage;
  let visitor: TestPage;
  /** An anonymous reader with JavaScript off: sees only what the server sent. */
  let plain: TestPage;
  let slug = '';
  let breakoutSlug = '';
  const { step } = scenario(() =>
    Promise.all([
      saveScreenshot(writer.page, 'failed-hostile-writer'),
      saveScreenshot(visitor.page, 'failed-hostile-reader'),
      saveScreenshot(plain.page, 'failed-hostile-no-js'),
    ]),
  );

  before(
    async () => {
      ({ stack, browser } = await startStackAndBrowser('hostile'));
      [writer, visitor, plain] = await Promise.all([
        openPage(browser, stack.url),
        openPage(browser, stack.url),
        openPage(browser, stack.url, { javaScriptEnabled: false }),
      ]);
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
      const preview = page.getByRole('region', { name: 'Preview of the article as readers will see it' });
      await preview.getByText('Perfectly ordinary introduction.').waitFor();

      await assertInert(writer, 'editor preview');
      await preview.getByText(SCRIPT_TAG).waitFor();
    },
  );

  step('When the hostile article is published and its links are clicked, then nothing runs', async () => {
    const { page } = writer;
    // The editor has kept it as a draft since the first pause; publishing sends the draft.
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved · / })
      .waitFor();
    const { article } = await apiCallOf<{ article: { slug: string } }>(page, 'PUT', /^\/articles\/[^/]+$/, 200, () =>
      page.getByRole('button', { name: 'Publish', exact: true }).click(),
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

    // A query string of its own: nginx keeps the page rendered before the comment for 10 s.
    await visitor.page.goto(`/article/${slug}?after-comment`);
    await visitor.page.getByRole('list', { name: 'Comments, newest first' }).getByText(HOSTILE_COMMENT).waitFor();
    await assertInert(visitor, 'comment (reader)');
  });

  step(
    'When a title, description, body and comment try to break out of the server HTML, then without JavaScript nothing executable is in it',
    async () => {
      const author = await signUpThroughApi(stack.url, person('mallory_breaks'));
      const article = await author.publish({
        title: BREAKOUT_TITLE,
        description: BREAKOUT_DESCRIPTION,
        body: BREAKOUT_BODY,
        tagList: ['breakout'],
      });
      breakoutSlug = article.slug;
      await author.comment(breakoutSlug, BREAKOUT_COMMENT);

      const { page } = plain;
      for (const [path, title] of [
        [`/article/${breakoutSlug}`, BREAKOUT_TITLE],
        [`/article/${slug}?plain`, TITLE],
        ['/?plain', undefined],
        ['/?tag=breakout', undefined],
        ['/profile/mallory_breaks', undefined],
      ] as const) {
        const response = await page.goto(path);
        assert.equal(response?.status(), 200, path);
        assert.ok(response?.headers()['x-cache-status'], `${path} was not rendered on the server`);
        await assertServerHtmlInert(page, path, title);
      }
      await page.goto(`/article/${breakoutSlug}`);
      await page.getByRole('list', { name: 'Comments, newest first' }).getByText(BREAKOUT_COMMENT).waitFor();
      await page.getByRole('article').getByText('</script><script>window.__pwned=12</script>').waitFor();
    },
  );

  step('When an anonymous reader opens that article with JavaScript, then it hydrates and nothing runs', async () => {
    const { page } = visitor;
    await page.goto(`/article/${breakoutSlug}`);
    await page.getByRole('heading', { level: 1, name: BREAKOUT_TITLE }).waitFor();
    await page.getByRole('list', { name: 'Comments, newest first' }).getByText(BREAKOUT_COMMENT).waitFor();
    await page.waitForLoadState('networkidle');
    await assertInert(visitor, 'breakout article (reader)');
    assert.deepEqual(
      visitor.problems.console.filter((line) => /hydrat|#418|#423|#425/i.test(line)),
      [],
    );
  });

  step('When a feed reader and a crawler fetch the RSS and the sitemap, then both stay well-formed XML', async () => {
    const { page } = visitor;
    const rss = await page.request.get('/rss.xml');
    assert.equal(rss.status(), 200);
    assert.equal(rss.headers()['content-type'], 'application/rss+xml; charset=utf-8');
    const rssText = await rss.text();
    assert.equal(await xmlProblems(page, rssText), null, 'rss.xml is not well-formed');
    const titles = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return Array.from(doc.querySelectorAll('item > title'), (node) => node.textContent);
    }, rssText);
    assert.ok(titles.includes(BREAKOUT_TITLE), `rss titles: ${JSON.stringify(titles)}`);
    assert.ok(titles.includes(TITLE));
    assert.ok(!/<script/i.test(rssText), 'a raw <script> in the feed');

    const sitemap = await page.request.get('/sitemap.xml');
    assert.equal(sitemap.status(), 200);
    assert.match(sitemap.headers()['content-type'] ?? '', /^application\/xml/);
    const sitemapText = await sitemap.text();
    assert.equal(await xmlProblems(page, sitemapText), null, 'sitemap.xml is not well-formed');
    assert.ok(sitemapText.includes(`${stack.url}/article/${encodeURIComponent(breakoutSlug)}`));
  });
});
