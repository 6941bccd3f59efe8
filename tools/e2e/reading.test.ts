// Reading, as an anonymous visitor lands on the site: the public pages come from the web renderer
// through nginx. Without JavaScript, a reader still browses everything: home, a tag, its second
// page, an article with its cover, body and comments, the author's profile, all as server HTML.
// With JavaScript, the same HTML is hydrated without a warning, and following a card or a byline
// is a client-side navigation (the page is never loaded again).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { type ApiArticle, signUpThroughApi } from './support/api-actions.js';
import { person } from './support/app-actions.js';
import { openPage, saveScreenshot } from './support/browser.js';
import type { TestPage } from './support/browser.js';
import type { E2eStack } from './support/e2e-stack.js';
import { gradientPng } from './support/images.js';
import { loadedImage } from './support/page-helpers.js';
import { startStackAndBrowser } from './support/setup.js';
import { scenario } from './support/steps.js';

declare global {
  interface Window {
    /** Set by the test after the first load; survives only client-side navigations. */
    __sameDocument?: string;
  }
}

const writer = person('hopper_writes');
const commenter = person('lovelace_reads');
const TAG = 'lighthouses';
/** More than a page of the tag (ten articles a page), so the oldest sits on page 2. */
const TAGGED = 12;
const TARGET = {
  title: 'The lamp room at night',
  description: 'Keeping a first-order Fresnel lens turning until dawn.',
  body: [
    'The keeper climbs the 114 steps at dusk.',
    '',
    '## The lens',
    '',
    'Three things matter:',
    '',
    '- clean glass',
    '- steady clockwork',
    '- patience',
  ].join('\n'),
};
const COMMENTS = ['How loud is the clockwork?', 'I climbed those steps once.'];

/**
 * The author's byline on an article. By its address: its accessible name also holds the avatar's
 * initial, which the stylesheet shows as generated content ("H hopper_writes").
 */
function byline(page: Page) {
  return page.getByRole('main').locator(`a[href="/profile/${writer.username}"]`).first();
}

/** What the browser fetched as documents (full page loads), with nginx's cache verdict. */
interface DocumentLoad {
  url: string;
  status: number;
  cache: string | null;
}

function recordDocumentLoads(page: Page): DocumentLoad[] {
  const loads: DocumentLoad[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'document') return;
    loads.push({ url: response.url(), status: response.status(), cache: response.headers()['x-cache-status'] ?? null });
  });
  return loads;
}

/** The last full page load was `path`, a 200 sent by the renderer (it passed nginx's page cache). */
function assertServerRendered(loads: DocumentLoad[], path: string): void {
  const last = loads.at(-1);
  assert.ok(last, 'no page was loaded');
  const url = new URL(last.url);
  assert.equal(`${url.pathname}${url.search}`, path);
  assert.equal(last.status, 200, path);
  assert.ok(last.cache, `${path} did not come from the renderer (no X-Cache-Status): the static app answered`);
}

describe('Reading as an anonymous visitor, rendered on the server, through nginx', () => {
  let stack: E2eStack;
  let browser: Browser;
  let plain: TestPage;
  let scripted: TestPage;
  let target: ApiArticle;

  before(
    async () => {
      ({ stack, browser } = await startStackAndBrowser('reading'));
      [plain, scripted] = await Promise.all([
        openPage(browser, stack.url, { javaScriptEnabled: false }),
        openPage(browser, stack.url),
      ]);

      // The oldest tagged article is the one with a cover, comments and a Markdown body.
      const author = await signUpThroughApi(stack.url, writer);
      const cover = await author.uploadImage(gradientPng('lamp.png', 1200, 675, [20, 30, 60], [250, 200, 90]));
      target = await author.publish({ ...TARGET, tagList: [TAG, 'optics'], coverImage: cover });
      for (let n = 2; n <= TAGGED; n += 1) {
        await author.publish({
          title: `Keeper's log, entry ${n}`,
          description: `Entry ${n} of the winter log.`,
          body: `Weather, oil and the lamp on day ${n}.`,
          tagList: [TAG],
        });
      }
      const reader = await signUpThroughApi(stack.url, commenter);
      for (const comment of COMMENTS) await reader.comment(target.slug, comment);
    },
    { timeout: 180_000 },
  );

  after(
    async () => {
      await browser?.close();
      await stack?.stop();
    },
    { timeout: 60_000 },
  );

  describe('without JavaScript', () => {
    let loads: DocumentLoad[] = [];
    const { step } = scenario(() => saveScreenshot(plain.page, 'failed-reading-no-js'));

    step('When a reader opens the home page, then the newest articles are in the HTML', async () => {
      const { page } = plain;
      loads = recordDocumentLoads(page);
      await page.goto('/');
      assertServerRendered(loads, '/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('link', { name: `Keeper's log, entry ${TAGGED}`, exact: true }).waitFor();
      assert.equal(await page.locator('.card').count(), 10, 'a page of ten articles');
    });

    step('When the reader follows a tag, then the tagged articles are listed', async () => {
      const { page } = plain;
      await page.getByRole('link', { name: TAG, exact: true }).first().click();
      await page.waitForURL(`/?tag=${TAG}`);
      assertServerRendered(loads, `/?tag=${TAG}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(TAG) }).waitFor();
      assert.equal(await page.locator('.card').count(), 10);
    });

    step('When the reader pages on, then the older tagged articles follow', async () => {
      const { page } = plain;
      await page.getByRole('navigation', { name: 'Article pages' }).getByRole('link', { name: /Older/ }).click();
      await page.waitForURL(`/?tag=${TAG}&page=2`);
      assertServerRendered(loads, `/?tag=${TAG}&page=2`);
      assert.equal(await page.locator('.card').count(), TAGGED - 10);
      await page.getByRole('link', { name: TARGET.title, exact: true }).waitFor();
    });

    step('When the reader opens an article, then its cover, body and comments are there', async () => {
      const { page } = plain;
      await page.getByRole('link', { name: TARGET.title, exact: true }).click();
      await page.waitForURL(`/article/${target.slug}`);
      assertServerRendered(loads, `/article/${target.slug}`);

      await page.getByRole('heading', { level: 1, name: TARGET.title }).waitFor();
      const body = page.getByRole('article');
      await body.getByText('The keeper climbs the 114 steps at dusk.').waitFor();
      await body.getByRole('heading', { level: 2, name: 'The lens' }).waitFor();
      const list = body.getByRole('list').filter({ hasText: 'clean glass' });
      assert.deepEqual(await list.getByRole('listitem').allTextContents(), [
        'clean glass',
        'steady clockwork',
        'patience',
      ]);

      const coverSrc = (target.coverImage ?? '').split('#')[0] ?? '';
      const cover = await loadedImage(page.locator(`img[src="${coverSrc}"]`).first());
      assert.ok(cover.naturalWidth > 0, 'the cover loaded');

      const comments = page.getByRole('list', { name: 'Comments, newest first' });
      for (const comment of COMMENTS) await comments.getByText(comment).waitFor();
      await saveScreenshot(page, 'article-no-js');
    });

    step("When the reader opens the author's profile, then the author's articles are listed", async () => {
      const { page } = plain;
      await byline(page).click();
      await page.waitForURL(`/profile/${writer.username}`);
      assertServerRendered(loads, `/profile/${writer.username}`);
      await page.getByRole('heading', { level: 1, name: writer.username }).waitFor();
      await page.getByRole('link', { name: `Keeper's log, entry ${TAGGED}`, exact: true }).waitFor();
      assert.deepEqual(plain.problems.errors, []);
    });
  });

  describe('with JavaScript', () => {
    let loads: DocumentLoad[] = [];
    const { step } = scenario(() => saveScreenshot(scripted.page, 'failed-reading'));

    /** Waits until React has taken over `selector`'s element (hydration attaches its fiber to it). */
    async function hydrated(page: Page, selector: string): Promise<void> {
      await page.waitForFunction((css) => {
        const element = document.querySelector(css);
        return element !== null && Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
      }, selector);
    }

    step('When a reader opens the home page, then the server HTML is hydrated without a warning', async () => {
      const { page } = scripted;
      loads = recordDocumentLoads(page);
      await page.goto('/');
      assertServerRendered(loads, '/');
      await hydrated(page, '.card__title a');
      await page.evaluate(() => {
        window.__sameDocument = 'home';
      });
      assert.deepEqual(scripted.problems.console, [], 'console errors or warnings (hydration mismatches among them)');
      assert.deepEqual(scripted.problems.errors, []);
    });

    step('When the reader clicks a card, then the article opens without loading the page again', async () => {
      const { page } = scripted;
      await page.getByRole('link', { name: `Keeper's log, entry ${TAGGED}`, exact: true }).click();
      await page.waitForURL(/\/article\//);
      await page.getByRole('heading', { level: 1, name: `Keeper's log, entry ${TAGGED}` }).waitFor();
      await page.getByRole('article').getByText(`Weather, oil and the lamp on day ${TAGGED}.`).waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), 'home', 'the page was loaded again');
      assert.equal(loads.length, 1, `full page loads: ${loads.map((load) => load.url).join(', ')}`);
    });

    step('When the reader follows the byline and goes back, then it stays one page', async () => {
      const { page } = scripted;
      const articleUrl = page.url();
      await byline(page).click();
      await page.waitForURL(`/profile/${writer.username}`);
      await page.getByRole('heading', { level: 1, name: writer.username }).waitFor();
      await page.goBack();
      await page.waitForURL(articleUrl);
      await page.getByRole('heading', { level: 1, name: `Keeper's log, entry ${TAGGED}` }).waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), 'home');
      assert.equal(loads.length, 1);
    });

    step('When the reader lands on an article, then it hydrates without a warning too', async () => {
      const { page } = scripted;
      await page.goto(`/article/${target.slug}`);
      assertServerRendered(loads, `/article/${target.slug}`);
      await hydrated(page, 'h1');
      await page.getByRole('list', { name: 'Comments, newest first' }).getByText(COMMENTS[0]!).waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(scripted.problems.console, []);
      assert.deepEqual(scripted.problems.errors, []);
      assert.deepEqual(scripted.problems.serverErrors, []);
    });
  });
});
