// End to end, in Chromium sized as a phone (390×844, touch), through nginx, on the real API,
// PostgreSQL and local S3: a writer signs in and loses no work (half an article is a draft after a
// reload, leaving with unsaved changes asks); at 360 px their own profile link is there to tap;
// reading an article, the header slides away on the way down and comes back on the way up, with
// nothing under it moving; a comment sent while the API is unreachable says "Not sent" and Retry
// sends it, once, when the network is back; a list opened past its last page leads back to page 1.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type ApiArticle, type ApiUser, signUpThroughApi } from './support/api-actions.js';
import { person } from './support/app-actions.js';
import { ARTIFACTS_DIR, openPage } from './support/browser.js';
import type { TestPage } from './support/browser.js';
import type { E2eStack } from './support/e2e-stack.js';
import { apiCallOf } from './support/page-helpers.js';
import { startStackAndBrowser } from './support/setup.js';
import { scenario } from './support/steps.js';

interface ArticleBody {
  article: { slug: string; status: string };
}

const writer = person('pip_on_the_go');
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const TITLE = 'Notes from the night bus';
const COMMENT = 'Read this twice on the way home.';
/** Long enough to scroll through a few screens of a phone. */
const LONG_BODY = Array.from(
  { length: 30 },
  (_, i) => `Paragraph ${i + 1}. The bus leaned into the bend and the city slid past the fogged windows.`,
).join('\n\n');

/** The viewport as the reader sees it now (saveScreenshot would scroll to the top first). */
async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Where the header's bottom edge is on screen: 0 or less once it has slid away. */
function headerBottom(page: Page): Promise<number> {
  return page.getByRole('banner').evaluate((header) => header.getBoundingClientRect().bottom);
}

/** Waits until the header has finished sliding to where `arrived` says it should be. */
async function headerSettles(page: Page, arrived: string): Promise<void> {
  await page.waitForFunction((test) => {
    const header = document.querySelector('header.site-header');
    if (!header) return false;
    const { top, bottom } = header.getBoundingClientRect();
    return test === 'away' ? bottom <= 0 : top === 0;
  }, arrived);
}

/** The top of the article's text in the document: it must not move when the header does. */
function bodyOffset(page: Page): Promise<number> {
  return page
    .locator('.prose')
    .first()
    .evaluate((body) => body.getBoundingClientRect().top + window.scrollY);
}

describe('On a phone: drafts kept, a header that makes room, comments that survive a lost network', () => {
  let stack: E2eStack;
  let browser: Browser;
  let phone: TestPage;
  let author: ApiUser;
  let article: ApiArticle;
  const { step } = scenario(() => shoot(phone.page, 'failed-phone'));

  before(
    async () => {
      ({ stack, browser } = await startStackAndBrowser('phone'));
      phone = await openPage(browser, stack.url, { viewport: PHONE, hasTouch: true, isMobile: true });
      author = await signUpThroughApi(stack.url, writer);
      article = await author.publish({ title: TITLE, description: 'Thirty minutes, five stops.', body: LONG_BODY });
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

  step('When a writer signs in and writes half an article, then a reload finds it as a draft', async () => {
    const { page } = phone;
    await page.goto('/login');
    await page.getByLabel('Email').fill(writer.email);
    await page.getByLabel('Password').fill(writer.password);
    await apiCallOf(page, 'POST', '/users/login', 200, () => page.getByRole('button', { name: 'Sign in' }).click());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: writer.username }).waitFor();

    await page.goto('/editor');
    await page.getByLabel('Title').fill('Half a thought on the tram');
    await page.getByLabel('What is it about?').fill('Written between two stops.');
    const { article: draft } = await apiCallOf<ArticleBody>(page, 'POST', '/articles', 201, () =>
      page.getByRole('textbox', { name: 'Article' }).pressSequentially('The tram stopped at', { delay: 20 }),
    );
    assert.equal(draft.status, 'draft');
    await page.waitForURL(`/editor/${draft.slug}`);
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved · / })
      .waitFor();

    await page.reload();

    await page.getByRole('heading', { name: 'Edit article' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Article' }).inputValue(), 'The tram stopped at');
  });

  step('When the writer leaves with unsaved changes, then they are asked, and staying keeps the work', async () => {
    const { page } = phone;
    const body = page.getByRole('textbox', { name: 'Article' });
    await body.press('End');
    await body.pressSequentially(' the bridge.');
    const asked = page.waitForEvent('dialog');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).tap();
    const dialog = await asked;

    assert.equal(dialog.type(), 'confirm');
    // The page's own handler dismisses it (openPage): the writer stays.
    assert.match(new URL(page.url()).pathname, /^\/editor\//);
    assert.equal(await body.inputValue(), 'The tram stopped at the bridge.');
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved · / })
      .waitFor();
    phone.problems.dialogs.length = 0;
  });

  step('When the phone is 360 px wide, then the own profile link shows, is named, and can be tapped', async () => {
    const { page } = phone;
    await page.setViewportSize(SMALL_PHONE);
    const me = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: writer.username });

    const box = await me.boundingBox();
    assert.ok(box && box.width >= 24 && box.height >= 24, `tap area ${JSON.stringify(box)}`);
    assert.ok(box.x >= 0 && box.x + box.width <= SMALL_PHONE.width, `off screen: ${JSON.stringify(box)}`);
    assert.ok(await me.locator('.avatar').isVisible());
    await me.tap();
    await page.waitForURL(`/profile/${writer.username}`);
    await page.setViewportSize(PHONE);
  });

  step(
    'When the reader scrolls an article down, then the header slides away; scrolling up brings it back',
    async () => {
      const { page } = phone;
      await page.goto(`/article/${article.slug}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const textTop = await bodyOffset(page);
      assert.ok((await headerBottom(page)) > 0, 'the header shows at the top');
      await shoot(page, 'phone-header-top');

      await page.mouse.wheel(0, 900);
      await headerSettles(page, 'away');
      await shoot(page, 'phone-header-away');
      assert.equal(await bodyOffset(page), textTop, 'the text moved when the header left');

      await page.mouse.wheel(0, -200);
      await headerSettles(page, 'back');
      await shoot(page, 'phone-header-back');
      assert.ok((await page.evaluate(() => window.scrollY)) > 300, 'back without returning to the top');
      assert.equal(await bodyOffset(page), textTop, 'the text moved when the header came back');
    },
  );

  step(
    'When a comment is sent while the API is unreachable, then it is "Not sent", and Retry sends it once',
    async () => {
      const { page } = phone;
      const comments = `**/api/v1/articles/${article.slug}/comments`;
      await page.route(comments, (route) =>
        route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback(),
      );
      const list = page.getByRole('list', { name: 'Comments, newest first' });
      await page.getByLabel(`Comment as ${writer.username}`).fill(COMMENT);
      await page.getByRole('button', { name: 'Post comment' }).tap();

      const unsent = list.getByRole('listitem').filter({ hasText: COMMENT });
      await unsent.getByText('Not sent').waitFor();
      await unsent.getByRole('alert').waitFor();
      assert.equal(await unsent.getByRole('button', { name: /delete/i }).count(), 0);
      await unsent.scrollIntoViewIfNeeded();
      await shoot(page, 'phone-comment-not-sent');

      await page.unroute(comments);
      await apiCallOf(page, 'POST', `/articles/${article.slug}/comments`, 200, () =>
        unsent.getByRole('button', { name: 'Retry' }).tap(),
      );

      const sent = list.getByRole('listitem').filter({ hasText: COMMENT });
      await sent.getByRole('button', { name: /^Delete your comment/ }).waitFor();
      assert.equal(await list.getByText('Not sent').count(), 0);
      assert.equal(await sent.count(), 1);
      const stored = (await (await fetch(`${stack.url}/api/v1/articles/${article.slug}/comments`)).json()) as {
        comments: { body: string }[];
      };
      assert.deepEqual(
        stored.comments.map((c) => c.body),
        [COMMENT],
      );
    },
  );

  step('When a list is opened past its last page, then it says so and leads back to page 1', async () => {
    const { page } = phone;
    await page.goto('/?page=99');

    await page.getByText('There is no page 99').waitFor();
    assert.equal(await page.getByText('No articles yet').count(), 0);
    await shoot(page, 'phone-page-past-the-end');
    await page.getByRole('link', { name: 'Go to page 1' }).tap();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
  });

  step('When the journey is over, then no page threw, opened an unexpected dialog or saw a server error', async () => {
    const { errors, dialogs, serverErrors } = phone.problems;
    assert.deepEqual({ errors, dialogs, serverErrors }, { errors: [], dialogs: [], serverErrors: [] });
  });
});
