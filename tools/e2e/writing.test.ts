// End to end, in Chromium, through nginx, on the real API, PostgreSQL and local S3: a writer's work
// is never lost and their links never break. Half an article becomes a draft on the first pause
// and survives a reload; leaving with unsaved changes asks; a draft scheduled a few seconds ahead
// stays hidden from an anonymous reader until its time, then appears with no write in between;
// a renamed article's old address lands on the new one (the renderer's 301 for a reader, the
// app's own redirect for the signed-in writer); an image pasted into the body asks for its alt
// text, uploads at the cursor and becomes a captioned figure; the article's author deletes a
// stranger's comment.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { signUpThroughApi } from './support/api-actions.js';
import { pasteFile, person, signUp } from './support/app-actions.js';
import { openPage } from './support/browser.js';
import type { TestPage } from './support/browser.js';
import type { E2eStack } from './support/e2e-stack.js';
import { saveScreenshot } from './support/browser.js';
import { gradientPng } from './support/images.js';
import { apiCallOf, assertServedByObjectStore } from './support/page-helpers.js';
import { startStackAndBrowser } from './support/setup.js';
import { scenario } from './support/steps.js';

interface ArticleBody {
  article: { slug: string; title: string; status: string; publishedAt: string | null };
}

const writer = person('wren_writes');
const stranger = person('spam_bot');
const TITLE = 'Letters from the harbour';
const RENAMED = 'Letters from the old harbour';
const SPAM = 'Cheap watches, click here';
const IMAGE_ALT = 'Fishing boats moored in the harbour at first light';
const CAPTION = 'The harbour, an hour after the tide turned';
/** The writer's time zone: the schedule is typed in it, the API stores UTC. */
const TIME_ZONE = 'Europe/Paris';
/** How far ahead the article is scheduled, and how long the reader waits for it at most after that. */
const SCHEDULE_AHEAD_MS = 10_000;
const APPEAR_WITHIN_MS = 20_000;

/** `YYYY-MM-DDTHH:mm:ss` in `timeZone`, as a datetime-local input takes it. */
function localDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The home page as an anonymous reader sees it now (a query string nginx has not cached yet). */
let visit = 0;
/** The RSS feed as nginx serves it, for a query string of its own (so none of its cached copies). */
async function feedXml(origin: string, visit: string): Promise<string> {
  const answer = await fetch(`${origin}/rss.xml?visit=${visit}`);
  assert.equal(answer.status, 200);
  return answer.text();
}

async function homeShows(page: Page, title: string): Promise<boolean> {
  visit += 1;
  await page.goto(`/?visit=${visit}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return (await page.getByRole('link', { name: title, exact: true }).count()) > 0;
}

describe('Writing: drafts never lost, scheduling, permanent links, moderation, in a browser through nginx', () => {
  let stack: E2eStack;
  let browser: Browser;
  let author: TestPage;
  let reader: TestPage;
  let slug = '';
  let publishAt = 0;
  const { step } = scenario(() => saveScreenshot(author.page, 'failed-writing-writer'));

  before(
    async () => {
      ({ stack, browser } = await startStackAndBrowser('writing'));
      [author, reader] = await Promise.all([
        openPage(browser, stack.url, { timezoneId: TIME_ZONE }),
        openPage(browser, stack.url),
      ]);
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

  step('When a writer writes half an article and pauses, then a reload finds it as a draft', async () => {
    const { page } = author;
    await signUp(page, writer);
    await page.goto('/editor');
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('What is it about?').fill('Notes kept while the boats were out.');
    const { article } = await apiCallOf<ArticleBody>(page, 'POST', '/articles', 201, () =>
      page.getByRole('textbox', { name: 'Article' }).pressSequentially('The tide came in at', { delay: 20 }),
    );
    slug = article.slug;
    assert.equal(article.status, 'draft');
    await page.waitForURL(`/editor/${slug}`);
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved · / })
      .waitFor();

    await page.reload();

    await page.getByRole('heading', { name: 'Edit article' }).waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), TITLE);
    assert.equal(await page.getByRole('textbox', { name: 'Article' }).inputValue(), 'The tide came in at');
    await page.getByRole('button', { name: 'Publish', exact: true }).waitFor();
  });

  step('When the writer leaves with unsaved changes, then they are asked, and staying keeps the work', async () => {
    const { page } = author;
    const body = page.getByRole('textbox', { name: 'Article' });
    await body.press('End');
    await body.pressSequentially(' dawn.');
    const asked = page.waitForEvent('dialog');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
    const dialog = await asked;

    assert.equal(dialog.type(), 'confirm');
    // The page's own handler dismisses it (openPage): the writer stays.
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved · / })
      .waitFor();
    assert.equal(new URL(page.url()).pathname, `/editor/${slug}`);
    assert.equal(await body.inputValue(), 'The tide came in at dawn.');
    author.problems.dialogs.length = 0;
  });

  step('When the writer closes the tab mid-sentence, then reopening the draft brings back every word', async () => {
    const closing = author.page;
    const body = closing.getByRole('textbox', { name: 'Article' });
    await body.press('End');
    await body.pressSequentially(' The gulls', { delay: 10 });
    // At once, before the pause that would send it: only this device has the last words.
    await closing.close({ runBeforeUnload: false });

    const page = await author.context.newPage();
    page.on('pageerror', (error) => author.problems.errors.push(error.message));
    page.on('dialog', (dialog) => {
      author.problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    author.page = page;
    // The restored copy is newer than the server's: the editor sends it on its own.
    const { article } = await apiCallOf<{ article: { body: string } }>(page, 'PUT', `/articles/${slug}`, 200, () =>
      page.goto(`/editor/${slug}`),
    );

    const restored = 'The tide came in at dawn. The gulls';
    await page.getByText('Your unsaved changes from this device were restored.').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Article' }).inputValue(), restored);
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved · / })
      .waitFor();
    assert.equal(article.body, restored);
  });

  step(
    'When the draft is scheduled a few seconds ahead, then a reader sees it only once its time has come',
    async () => {
      const { page } = author;
      await page.getByRole('button', { name: 'Schedule…' }).click();
      publishAt = Date.now() + SCHEDULE_AHEAD_MS;
      await page.getByLabel(`Publish on (${TIME_ZONE})`).fill(localDateTime(new Date(publishAt), TIME_ZONE));
      const { article } = await apiCallOf<ArticleBody>(page, 'PUT', `/articles/${slug}`, 200, () =>
        page.getByRole('button', { name: 'Schedule', exact: true }).click(),
      );
      await page.getByText(/^Scheduled for/).waitFor();
      // The input holds whole seconds: the time sent is the one typed, in UTC.
      assert.equal(article.publishedAt, new Date(Math.floor(publishAt / 1000) * 1000).toISOString());

      assert.equal(await homeShows(reader.page, TITLE), false, 'shown before its time');
      const early = await fetch(`${stack.url}/api/v1/articles/${slug}`);
      assert.equal(early.status, 404);
      // A query string of its own: past nginx's page cache, as a feed reader that polls gets it later.
      assert.equal((await feedXml(stack.url, 'early')).includes(TITLE), false, 'in the feed before its time');

      let shown = false;
      while (!shown && Date.now() < publishAt + APPEAR_WITHIN_MS) {
        if (Date.now() < publishAt) await new Promise((resolve) => setTimeout(resolve, publishAt - Date.now()));
        shown = await homeShows(reader.page, TITLE);
        if (!shown) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      assert.ok(shown, `not on the home page ${APPEAR_WITHIN_MS / 1000} s after its time`);
      assert.ok((await feedXml(stack.url, 'on-time')).includes(TITLE), 'not in the feed once on the home page');
    },
  );

  step(
    'When the article is renamed, then its old address lands on the new one, for readers and the writer',
    async () => {
      const { page } = author;
      await page.goto(`/editor/${slug}`);
      const title = page.getByLabel('Title');
      await title.fill(RENAMED);
      const { article } = await apiCallOf<ArticleBody>(page, 'PUT', `/articles/${slug}`, 200, () =>
        page.getByRole('button', { name: 'Update', exact: true }).click(),
      );
      const renamed = article.slug;
      assert.notEqual(renamed, slug);
      await page.waitForURL(`/article/${renamed}`);

      const answer = await fetch(`${stack.url}/article/${slug}?visit=renamed`, { redirect: 'manual' });
      assert.equal(answer.status, 301);
      assert.equal(new URL(answer.headers.get('location') ?? '', stack.url).pathname, `/article/${renamed}`);
      await reader.page.goto(`/article/${slug}`);
      await reader.page.getByRole('heading', { level: 1, name: RENAMED }).waitFor();
      assert.equal(new URL(reader.page.url()).pathname, `/article/${renamed}`);

      await page.goto(`/article/${slug}`);
      await page.waitForURL(`/article/${renamed}`);
      await page.getByRole('heading', { level: 1, name: RENAMED }).waitFor();
      slug = renamed;
    },
  );

  step(
    'When the writer pastes an image into the body, then its alt text is asked, it lands at the cursor and the article shows a captioned figure',
    async () => {
      const { page } = author;
      await page.goto(`/editor/${slug}`);
      const body = page.getByRole('textbox', { name: 'Article' });
      const sentence = 'The tide came in at dawn.';
      const putCursorAfterSentence = () =>
        body.evaluate((area: HTMLTextAreaElement, at) => {
          area.focus();
          area.setSelectionRange(at, at);
        }, sentence.length);
      const bodyHasFocus = () => body.evaluate((area) => area === document.activeElement);
      const dialog = page.getByRole('dialog', { name: 'Describe the image' });
      assert.ok((await body.inputValue()).startsWith(sentence));

      // Esc changes the writer's mind: nothing is inserted, and writing goes on where it was.
      await putCursorAfterSentence();
      const before = await body.inputValue();
      await pasteFile(body, gradientPng('IMG_0411.png', 320, 180, [90, 90, 90], [200, 200, 200]));
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await body.inputValue(), before);
      assert.ok(await bodyHasFocus(), 'focus back in the body after Esc');

      await putCursorAfterSentence();
      const { asset } = await apiCallOf<{ asset: { url: string } }>(page, 'POST', '/assets', 201, () =>
        pasteFile(body, gradientPng('IMG_0412.png', 960, 540, [20, 60, 110], [240, 170, 90])),
      );
      const alt = dialog.getByLabel('Alt text');
      assert.equal(await alt.inputValue(), '', 'the file name is no alt text');
      assert.ok(await alt.evaluate((input) => input === document.activeElement), 'the dialog has focus');
      await alt.fill(IMAGE_ALT);
      await dialog.getByLabel('Caption (optional)').fill(CAPTION);
      await dialog.getByRole('button', { name: 'Insert', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });

      const markdown = `![${IMAGE_ALT}](${asset.url} "${CAPTION}")`;
      await page.waitForFunction(([area, expected]) => (area as HTMLTextAreaElement).value.includes(expected), [
        await body.elementHandle(),
        markdown,
      ] as const);
      assert.ok(await bodyHasFocus(), 'focus back in the body after Insert');
      await page.keyboard.type('Boats went out.');
      assert.equal(await body.inputValue(), `${sentence}\n\n${markdown}\n\nBoats went out. The gulls`);
      const { article } = await apiCallOf<{ article: { body: string } }>(page, 'PUT', `/articles/${slug}`, 200, () =>
        page.getByRole('button', { name: 'Update', exact: true }).click(),
      );
      assert.ok(article.body.includes(markdown), article.body);
      await page.waitForURL(`/article/${slug}`);

      const figure = page.getByRole('figure');
      const image = figure.getByRole('img', { name: IMAGE_ALT });
      await assertServedByObjectStore(image, stack.assetBaseUrl, 'pasted image');
      assert.equal(await figure.locator('figcaption').textContent(), CAPTION);
      // Its size and variants come from its upload's record: the Markdown carries a plain URL.
      assert.deepEqual([await image.getAttribute('width'), await image.getAttribute('height')], ['960', '540']);
      assert.match((await image.getAttribute('srcset')) ?? '', / 960w$/);
      const rendered = await (await fetch(`${stack.url}/article/${slug}?visit=figure`)).text();
      assert.ok(rendered.includes(`<figcaption>${CAPTION}</figcaption></figure>`), 'the renderer writes the figure');
    },
  );

  step("When the article's author deletes a stranger's comment, then it is gone", async () => {
    const spammer = await signUpThroughApi(stack.url, stranger);
    await spammer.comment(slug, SPAM);
    const { page } = author;
    await page.reload();
    const comments = page.getByRole('list', { name: 'Comments, newest first' });
    await comments.getByText(SPAM).waitFor();

    await comments.getByRole('button', { name: new RegExp(`^Delete ${stranger.username}'s comment`) }).click();
    await apiCallOf(page, 'DELETE', /^\/articles\/[^/]+\/comments\/\d+$/, 204, () =>
      page.getByRole('button', { name: 'Yes, delete' }).click(),
    );
    await page.getByText('No comments yet.').waitFor();
    const after = (await (await fetch(`${stack.url}/api/v1/articles/${slug}/comments`)).json()) as {
      comments: unknown[];
    };
    assert.equal(after.comments.length, 0);
  });

  step(
    'When the writer is on a 360 px phone, then their own profile link shows their avatar and can be tapped',
    async () => {
      const { page } = author;
      await page.setViewportSize({ width: 360, height: 740 });
      const me = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: writer.username });

      const box = await me.boundingBox();
      assert.ok(box && box.width >= 24 && box.height >= 24, `tap area ${JSON.stringify(box)}`);
      assert.ok(await me.locator('.avatar').isVisible());
      await me.click();
      await page.waitForURL(`/profile/${writer.username}`);
      await page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  step('When the journey is over, then no page threw, opened an unexpected dialog or saw a server error', async () => {
    for (const [who, { problems }] of [
      ['writer', author],
      ['reader', reader],
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
