// End to end, in Chromium, through nginx, on the real API (two replicas), PostgreSQL and local S3:
// a writer signs up, sets a profile picture and publishes an illustrated article; a reader
// follows, finds it in their feed, favorites and comments; deep links survive a reload; the
// comment and the article are deleted again. Images must come straight from the object store.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { person, signUp, uploadImage } from './support/app-actions.js';
import { openPage, saveScreenshot } from './support/browser.js';
import type { TestPage } from './support/browser.js';
import type { E2eStack } from './support/e2e-stack.js';
import { gradientPng } from './support/images.js';
import { apiCallOf, assertServedByObjectStore, settleImages } from './support/page-helpers.js';
import { startStackAndBrowser } from './support/setup.js';
import { scenario } from './support/steps.js';

interface ArticleBody {
  article: { slug: string; title: string; body: string; coverImage: string | null; favoritesCount: number };
}

const writer = person('ada_writes');
const reader = person('grace_reads');
const TITLE = 'Notes from the lighthouse';
const DESCRIPTION = 'What a winter on the rocks taught me about patience.';
const COMMENT = 'Beautiful pictures. Which lens did you use?';
const INLINE_ALT = 'lighthouse diagram';

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** The article page's favorite button (header and footer carry the same one). */
function favoriteButton(page: Page, count: number) {
  const label = `Favorite “${TITLE}”, ${count} ${count === 1 ? 'favorite' : 'favorites'}`;
  return page.getByRole('button', { name: label, exact: true }).first();
}

describe('Publishing, following, favoriting and commenting, in a browser through nginx', () => {
  let stack: E2eStack;
  let browser: Browser;
  let author: TestPage;
  let visitor: TestPage;
  let slug = '';
  /** The cover's URL without the editor's size hints, as <img src> carries it. */
  let coverSrc = '';
  const { step } = scenario(() =>
    Promise.all([
      saveScreenshot(author.page, 'failed-publishing-writer'),
      saveScreenshot(visitor.page, 'failed-publishing-reader'),
    ]),
  );

  before(
    async () => {
      ({ stack, browser } = await startStackAndBrowser('publishing'));
      [author, visitor] = await Promise.all([openPage(browser, stack.url), openPage(browser, stack.url)]);
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

  step('When a writer signs up, then the app signs them in', async () => {
    const user = await signUp(author.page, writer);

    assert.equal(user.username, writer.username);
    assert.ok(user.token.length > 0);
    assert.equal(new URL(author.page.url()).pathname, '/');
  });

  step(
    'When the writer uploads a profile picture in settings, then it is saved and loads from the object store',
    async () => {
      const { page } = author;
      await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Your settings' }).waitFor();

      // Everyone starts with the default avatar, so the control offers to replace it.
      const asset = await uploadImage(
        page,
        page.getByLabel(/^(Choose|Replace) profile picture$/),
        gradientPng('ada.png', 480, 480, [30, 60, 160], [240, 180, 60]),
      );
      const { user } = await apiCallOf<{ user: { image: string } }>(page, 'PUT', '/user', 200, () =>
        page.getByRole('button', { name: 'Save settings' }).click(),
      );
      await page.getByRole('status').filter({ hasText: 'Your settings are saved.' }).waitFor();

      assert.ok(asset.url.startsWith(`${stack.assetBaseUrl}/`), asset.url);
      assert.ok(user.image.startsWith(`${stack.assetBaseUrl}/`), `saved image ${user.image}`);
      const headerAvatar = mainNav(page).getByRole('link', { name: writer.username }).locator('img');
      await assertServedByObjectStore(headerAvatar, stack.assetBaseUrl, 'header avatar');
      await settleImages(page);
      await saveScreenshot(page, 'settings');
    },
  );

  step(
    'When the writer publishes an article with a cover and an inline image, then both load from the object store',
    async () => {
      const { page } = author;
      await mainNav(page).getByRole('link', { name: 'Write', exact: true }).click();
      await page.getByRole('heading', { name: 'New article' }).waitFor();
      await page.getByLabel('Title').fill(TITLE);
      await page.getByLabel('What is it about?').fill(DESCRIPTION);
      const body = page.getByRole('textbox', { name: 'Article' });
      await body.fill('The keeper left in October.\n\nHere is how the lamp turns:');

      await uploadImage(
        page,
        page.getByLabel('Choose cover image'),
        gradientPng('cover.png', 1200, 675, [10, 40, 80], [250, 120, 60]),
      );
      await page.getByRole('button', { name: 'Remove cover image' }).waitFor();
      const inline = await uploadImage(
        page,
        page.getByLabel('Image to insert into the article'),
        gradientPng('lighthouse-diagram.png', 800, 500, [200, 230, 240], [20, 90, 110]),
      );
      // The editor asks what the image shows, then inserts its Markdown where the cursor was.
      const dialog = page.getByRole('dialog', { name: 'Describe the image' });
      await dialog.getByLabel('Alt text').fill(INLINE_ALT);
      await dialog.getByRole('button', { name: 'Insert', exact: true }).click();
      const inserted = `![${INLINE_ALT}](${inline.url}`;
      const bodyElement = await body.elementHandle();
      await page.waitForFunction(([area, expected]) => (area as HTMLTextAreaElement).value.includes(expected), [
        bodyElement,
        inserted,
      ] as const);
      await body.press('Control+End');
      await body.pressSequentially('\n\nThe light still turns every night.');
      const tags = page.getByLabel('Tags');
      await tags.fill('travel');
      await tags.press('Enter');
      await page.getByRole('list', { name: 'Chosen tags' }).getByText('travel').waitFor();
      await saveScreenshot(page, 'editor');

      // The editor has kept it as a draft since the first pause; publishing sends the draft.
      await page
        .getByRole('status')
        .filter({ hasText: /^Saved · / })
        .waitFor();
      const { article } = await apiCallOf<ArticleBody>(page, 'PUT', /^\/articles\/[^/]+$/, 200, () =>
        page.getByRole('button', { name: 'Publish', exact: true }).click(),
      );
      slug = article.slug;
      await page.waitForURL(`/article/${slug}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

      assert.ok(article.body.includes(inserted), article.body);
      const cover = article.coverImage ?? '';
      assert.ok(cover.startsWith(`${stack.assetBaseUrl}/`), `coverImage ${cover}`);
      coverSrc = cover.split('#')[0]!;
      await assertServedByObjectStore(page.locator(`img[src="${coverSrc}"]`), stack.assetBaseUrl, 'cover image');
      const inlineImage = await assertServedByObjectStore(
        page.getByRole('img', { name: INLINE_ALT }),
        stack.assetBaseUrl,
        'inline image',
      );
      assert.equal(inlineImage.src, inline.url);
      await page.evaluate(() => window.scrollTo(0, 0));
      await settleImages(page);
      await saveScreenshot(page, 'article');
    },
  );

  step('When a reader follows the writer, then the article shows in their feed', async () => {
    const { page } = visitor;
    await signUp(page, reader);
    await page.goto(`/profile/${writer.username}`);
    await page.getByRole('heading', { level: 1, name: writer.username }).waitFor();

    const { profile } = await apiCallOf<{ profile: { following: boolean } }>(
      page,
      'POST',
      `/profiles/${writer.username}/follow`,
      200,
      () => page.getByRole('button', { name: `Follow ${writer.username}` }).click(),
    );
    await page.getByRole('button', { name: `Unfollow ${writer.username}` }).waitFor();
    assert.equal(profile.following, true);
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
    await settleImages(page);
    await saveScreenshot(page, 'profile');

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Feeds' }).getByRole('link', { name: 'Your feed' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('feed') === 'following');
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();
    await assertServedByObjectStore(page.locator(`img[src="${coverSrc}"]`), stack.assetBaseUrl, 'card cover');
    await settleImages(page);
    await saveScreenshot(page, 'home');
  });

  step('When the reader favorites the article and comments on it, then both are saved', async () => {
    const { page } = visitor;
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.waitForURL(`/article/${slug}`);

    const { article } = await apiCallOf<ArticleBody>(page, 'POST', `/articles/${slug}/favorite`, 200, () =>
      favoriteButton(page, 0).click(),
    );
    await favoriteButton(page, 1).waitFor();
    assert.equal(article.favoritesCount, 1);
    assert.equal(await favoriteButton(page, 1).getAttribute('aria-pressed'), 'true');

    await page.getByLabel(`Comment as ${reader.username}`).fill(COMMENT);
    await apiCallOf(page, 'POST', `/articles/${slug}/comments`, 200, () =>
      page.getByRole('button', { name: 'Post comment' }).click(),
    );
    await page.getByRole('list', { name: 'Comments, newest first' }).getByText(COMMENT).waitFor();
  });

  step(
    'When an article or a profile address is reloaded or opened directly, then nginx serves the app and it renders the page',
    async () => {
      const { page } = visitor;
      const reloaded = await page.reload();
      assert.equal(reloaded?.status(), 200);
      assert.match((await reloaded?.headerValue('content-type')) ?? '', /^text\/html/);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByRole('list', { name: 'Comments, newest first' }).getByText(COMMENT).waitFor();
      assert.equal(await favoriteButton(page, 1).getAttribute('aria-pressed'), 'true');

      const fresh = await visitor.context.newPage();
      try {
        const opened = await fresh.goto(`/profile/${writer.username}`);
        assert.equal(opened?.status(), 200);
        await fresh.getByRole('heading', { level: 1, name: writer.username }).waitFor();
        await fresh.getByRole('button', { name: `Unfollow ${writer.username}` }).waitFor();

        const favorites = await fresh.goto(`/profile/${reader.username}/favorites`);
        assert.equal(favorites?.status(), 200);
        await fresh.getByRole('heading', { level: 1, name: reader.username }).waitFor();
        await fresh.getByRole('link', { name: TITLE, exact: true }).waitFor();
      } finally {
        await fresh.close();
      }
    },
  );

  step("When the writer views the reader's comment, then they may delete it as the article's author", async () => {
    const { page } = author;
    await page.goto(`/article/${slug}`);
    const comments = page.getByRole('list', { name: 'Comments, newest first' });
    await comments.getByText(COMMENT).waitFor();

    await comments.getByRole('button', { name: new RegExp(`^Delete ${reader.username}'s comment`) }).waitFor();
    assert.equal(await comments.getByRole('button', { name: /^Delete your comment/ }).count(), 0);
  });

  step('When the reader deletes their comment, then it is gone for the writer too', async () => {
    await apiCallOf(visitor.page, 'DELETE', /^\/articles\/[^/]+\/comments\/\d+$/, 204, () =>
      visitor.page.getByRole('button', { name: /^Delete your comment/ }).click(),
    );
    await visitor.page.getByText('No comments yet.').waitFor();

    await author.page.reload();
    await author.page.getByText('No comments yet.').waitFor();
    assert.equal(await author.page.getByText(COMMENT).count(), 0);
  });

  step('When the writer deletes the article, then it leaves the feed and its address shows not found', async () => {
    const { page } = author;
    await page.getByRole('button', { name: 'Delete article' }).click();
    await apiCallOf(page, 'DELETE', `/articles/${slug}`, 204, () =>
      page.getByRole('button', { name: 'Yes, delete' }).click(),
    );
    await page.waitForURL('/');

    await visitor.page.goto('/?feed=following');
    await visitor.page.getByText('Nothing in your feed yet').waitFor();
    await visitor.page.goto(`/article/${slug}`);
    await visitor.page.getByRole('heading', { level: 1, name: 'Article not found' }).waitFor();
    const gone = await fetch(`${stack.url}/api/v1/articles/${slug}`);
    assert.equal(gone.status, 404);
  });

  step('When the journey is over, then no page threw, opened a dialog or saw a server error', async () => {
    for (const [who, { problems }] of [
      ['writer', author],
      ['reader', visitor],
    ] as const) {
      const { errors, dialogs, serverErrors } = problems;
      assert.deepEqual(
        { errors, dialogs, serverErrors },
        { errors: [], dialogs: [], serverErrors: [] },
        `${who}'s page`,
      );
    }
  });
});
