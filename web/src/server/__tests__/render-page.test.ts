/** @jest-environment node */
// The server renderer, in plain Node (no DOM, as in production), against the mock API over real
// HTTP (the standalone mock server): every public page's status, head, body and embedded state.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { JSDOM } from 'jsdom';

import { UpstreamError, type PageAnswer } from '@/server/render-page';
import { seedArticle, seedComment, seedUser } from '@/testing/factories';
import { mockControls } from '@/testing/mocks/controls';
import { mockDb } from '@/testing/mocks/db';
import { startStandaloneMockServer, type StandaloneMockServer } from '@/testing/mocks/standalone';
import { renderForTest, TEST_ORIGIN, TEST_REQUEST_ID } from '@/testing/render-server';

let mockApi: StandaloneMockServer;
/** Every request the renderer sent to the API. */
let sent: Request[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  mockApi = await startStandaloneMockServer({ port: 0 });
  globalThis.fetch = (input, init) => {
    sent.push(new Request(input, init));
    return realFetch(input, init);
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await mockApi.close();
});
beforeEach(() => {
  mockDb.clear();
  sent = [];
});
afterEach(() => mockControls.reset());

/** Only the app's scripts: the entry by URL, and data (the state, JSON-LD) that never runs. */
function scriptsOf(html: string): string[] {
  return Array.from(html.matchAll(/<script\b([^>]*)>/g), ([, attributes]) => {
    const src = /\ssrc="([^"]+)"/.exec(attributes ?? '')?.[1];
    const type = /\stype="([^"]+)"/.exec(attributes ?? '')?.[1];
    return src ? `module ${src}` : `data ${type}`;
  });
}

async function render(url: string, options: { timeoutMs?: number } = {}): Promise<PageAnswer> {
  const page = await renderForTest(url, { apiUrl: `${mockApi.origin}/api/v1`, ...options });
  // The CSP allows no inline script: a page that needed one would not show without it.
  for (const script of scriptsOf(page.html)) {
    expect(script).toMatch(/^module \/src\/main\.tsx$|^data application\/(ld\+)?json$/);
  }
  expect(page.html).not.toMatch(/<div hidden id="S:|<!--\$\?-->/);
  return page;
}

function parse(page: PageAnswer): Document {
  return new JSDOM(page.html).window.document;
}

function meta(doc: Document, key: string): string | null {
  return doc.head.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute('content') ?? null;
}

function jsonLd(doc: Document): Record<string, unknown> {
  const block = doc.head.querySelector('script[type="application/ld+json"]');
  return JSON.parse(block?.textContent ?? 'null') as Record<string, unknown>;
}

interface EmbeddedState {
  queries: { queries: { queryKey: unknown[]; state: { data: unknown } }[] };
  refused: { queryKey: unknown[]; status: number }[];
}

function state(doc: Document): EmbeddedState {
  return JSON.parse(doc.getElementById('inkwell-state')?.textContent ?? 'null') as EmbeddedState;
}

function feeds(doc: Document): string[] {
  return Array.from(doc.head.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')).map(
    (link) => link.getAttribute('href') ?? '',
  );
}

/** Publishes `count` articles by one author, newest last. */
function seedStories(count: number, tagList = ['essays']) {
  const author = seedUser({ username: 'ada' });
  for (let i = 1; i <= count; i++) {
    seedArticle({ author, title: `Story ${i}`, tagList, createdAt: new Date(Date.UTC(2026, 0, i)).toISOString() });
  }
  return author;
}

describe('the home page, rendered on the server', () => {
  test('When a reader opens /, then the newest articles, the tags, the head and the state are in the HTML', async () => {
    seedStories(12);

    const page = await render('/');

    expect(page.status).toBe(200);
    expect(page.headers['Cache-Control']).toBe('public, max-age=0, s-maxage=10');
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    const doc = parse(page);
    expect(doc.title).toBe('Inkwell — stories worth reading');
    expect(doc.querySelectorAll('.card')).toHaveLength(10);
    expect(doc.querySelector('.card__title')?.textContent).toBe('Story 12');
    expect(doc.querySelector('nav[aria-label="Article pages"] a[rel="next"]')?.getAttribute('href')).toBe('/?page=2');
    expect(doc.querySelector('section[aria-labelledby="popular-tags"] a.tag')?.textContent).toBe('essays');
    expect(doc.head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${TEST_ORIGIN}/`);
    expect(meta(doc, 'og:url')).toBe(`${TEST_ORIGIN}/`);
    expect(meta(doc, 'robots')).toBeNull();
    expect(feeds(doc)).toEqual([`${TEST_ORIGIN}/rss.xml`]);
    expect(jsonLd(doc)).toMatchObject({ '@type': 'WebSite', url: `${TEST_ORIGIN}/` });
    const keys = state(doc).queries.queries.map(({ queryKey }) => queryKey);
    expect(keys).toEqual([
      ['articles', 'list', 'global', { page: 1 }],
      ['tags', 'popular'],
    ]);
    // The prerendered shell is gone: the page itself stands in #root.
    expect(doc.querySelector('[data-prerendered]')).toBeNull();
    expect(doc.querySelector('noscript')).toBeNull();
  });

  test('When a reader opens a tag page and its second page, then that page of that tag is rendered with its own canonical URL and feed', async () => {
    seedStories(12, ['travel']);

    const doc = parse(await render('/?page=2&tag=travel'));

    expect(doc.title).toBe('#travel — Inkwell');
    expect(Array.from(doc.querySelectorAll('.card__title')).map((title) => title.textContent)).toEqual([
      'Story 2',
      'Story 1',
    ]);
    expect(doc.head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `${TEST_ORIGIN}/?tag=travel&page=2`,
    );
    expect(feeds(doc)).toEqual([`${TEST_ORIGIN}/rss.xml`, `${TEST_ORIGIN}/rss.xml?tag=travel`]);
    expect(state(doc).queries.queries[0]?.queryKey).toEqual(['articles', 'list', 'global', { tag: 'travel', page: 2 }]);
  });

  test('When the API is asked, then every call carries the request id and no credentials', async () => {
    seedStories(1);

    await render('/');

    expect(sent.map((request) => new URL(request.url).pathname).sort()).toEqual(['/api/v1/articles', '/api/v1/tags']);
    for (const request of sent) {
      expect(request.headers.get('x-request-id')).toBe(TEST_REQUEST_ID);
      expect(request.headers.get('authorization')).toBeNull();
      expect(request.headers.get('cookie')).toBeNull();
    }
  });
});

describe('an article, rendered on the server', () => {
  test('When a reader opens an article, then its body is rendered from Markdown, with its comments, cover and head', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({
      author: ada,
      title: 'The lamp room',
      description: 'Keeping the lens turning.',
      body: '# The lens\n\nThree things:\n\n- glass\n- clockwork\n\n[docs](https://example.org)',
      tagList: ['lighthouses', 'optics'],
      coverImage: 'https://cdn.example/covers/lamp.webp#w=1600&h=900&v=320,640',
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-02T09:30:00.000Z',
    });
    seedComment({ article, body: 'How loud is the clockwork?' });

    const page = await render(`/article/${article.slug}`);

    expect(page.status).toBe(200);
    const doc = parse(page);
    expect(doc.title).toBe('The lamp room — Inkwell');
    const prose = doc.querySelector('.prose');
    expect(prose?.querySelector('h2')?.textContent).toBe('The lens');
    expect(Array.from(prose?.querySelectorAll('li') ?? []).map((li) => li.textContent)).toEqual(['glass', 'clockwork']);
    expect(prose?.querySelector('a')?.getAttribute('rel')).toBe('nofollow ugc noopener noreferrer');
    expect(doc.querySelector('.comment__body')?.textContent).toBe('How loud is the clockwork?');
    expect(doc.querySelector('time')?.textContent).toBe('March 1, 2026');
    const cover = doc.querySelector('.cover--hero img');
    expect(cover?.getAttribute('src')).toBe('https://cdn.example/covers/lamp.webp');
    // React preloads the above-the-fold cover from the head, with the srcset the page uses.
    expect(doc.head.querySelector('link[rel="preload"][as="image"]')?.getAttribute('imagesrcset')).toContain(
      'lamp-640.webp 640w',
    );

    expect(meta(doc, 'description')).toBe('Keeping the lens turning.');
    expect(doc.head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `${TEST_ORIGIN}/article/${article.slug}`,
    );
    expect(meta(doc, 'og:type')).toBe('article');
    expect(meta(doc, 'og:title')).toBe('The lamp room');
    expect(meta(doc, 'og:image')).toBe('https://cdn.example/covers/lamp.webp');
    expect(meta(doc, 'og:image:width')).toBe('1600');
    expect(meta(doc, 'twitter:card')).toBe('summary_large_image');
    expect(meta(doc, 'twitter:image')).toBe('https://cdn.example/covers/lamp.webp');
    expect(meta(doc, 'article:published_time')).toBe('2026-03-01T08:00:00.000Z');
    expect(feeds(doc)).toEqual([`${TEST_ORIGIN}/rss.xml`, `${TEST_ORIGIN}/rss.xml?author=ada`]);
    expect(jsonLd(doc)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: 'The lamp room',
      description: 'Keeping the lens turning.',
      image: ['https://cdn.example/covers/lamp.webp'],
      datePublished: '2026-03-01T08:00:00.000Z',
      dateModified: '2026-03-02T09:30:00.000Z',
      author: { '@type': 'Person', name: 'ada', url: `${TEST_ORIGIN}/profile/ada` },
      keywords: 'lighthouses, optics',
      url: `${TEST_ORIGIN}/article/${article.slug}`,
      mainEntityOfPage: `${TEST_ORIGIN}/article/${article.slug}`,
    });
    expect(doc.head.querySelectorAll('link[rel="modulepreload"]')).toHaveLength(0);
  });

  test('When an article has no cover, then its card is the small one with no image', async () => {
    const article = seedArticle({ title: 'Plain', coverImage: null });

    const doc = parse(await render(`/article/${article.slug}`));

    expect(meta(doc, 'twitter:card')).toBe('summary');
    expect(meta(doc, 'og:image')).toBeNull();
    expect(jsonLd(doc)).not.toHaveProperty('image');
  });

  test('When the title, description, tags and body are hostile, then everything stays text and no script can run', async () => {
    const hostile = `</script><script>alert(1)</script><!-- "quoted" & 'single' \u2028 \u2029 <b>`;
    const article = seedArticle({
      title: `Title ${hostile}`,
      description: `Description ${hostile}`,
      tagList: ['<img src=x onerror=alert(2)>'],
      body: `Hello <img src=x onerror=alert(3)>\n\n[x](javascript:alert(4)) [y](&#106;avascript:alert(5))\n\n![p](javascript:alert(6))\n\n<script>alert(7)</script>`,
      coverImage: 'https://cdn.example/"><script>alert(8)</script>.png',
    });
    seedComment({ article, body: `Comment ${hostile}` });

    const page = await render(`/article/${article.slug}`);

    expect(page.status).toBe(200);
    // Only the app's own scripts: the entry, the embedded state, the JSON-LD block.
    expect(page.html.match(/<script\b/g)).toHaveLength(3);
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).not.toMatch(/<img[^>]*onerror/i);
    const doc = parse(page);
    expect(Array.from(doc.querySelectorAll('script')).map((script) => script.getAttribute('type'))).toEqual([
      'application/ld+json',
      'module',
      'application/json',
    ]);
    expect(doc.querySelector('h1')?.textContent).toBe(`Title ${hostile}`);
    expect(doc.querySelector('.comment__body')?.textContent).toBe(`Comment ${hostile}`);
    expect(meta(doc, 'og:title')).toBe(`Title ${hostile}`);
    expect(meta(doc, 'description')).toBe(`Description ${hostile}`.replace(/\s+/g, ' '));
    expect(jsonLd(doc).headline).toBe(`Title ${hostile}`);
    expect(meta(doc, 'og:image')).toBe('https://cdn.example/%22%3E%3Cscript%3Ealert(8)%3C/script%3E.png');
    const embedded = state(doc).queries.queries[0]?.state.data as { title: string };
    expect(embedded.title).toBe(`Title ${hostile}`);
    const prose = doc.querySelector('.prose');
    expect(prose?.textContent).toContain('<img src=x onerror=alert(3)>');
    expect(prose?.querySelectorAll('a, img, script')).toHaveLength(0);
    for (const element of Array.from(doc.querySelectorAll('*'))) {
      for (const { name, value } of Array.from(element.attributes)) {
        expect(name).not.toMatch(/^on/i);
        expect(value).not.toMatch(/^\s*javascript:/i);
      }
    }
  });

  test('When the article does not exist, then the answer is a rendered 404 page that is not indexed', async () => {
    const page = await render('/article/nothing-here');

    expect(page.status).toBe(404);
    expect(page.headers['Cache-Control']).toBe('public, max-age=0, s-maxage=10');
    const doc = parse(page);
    expect(doc.querySelector('h1')?.textContent).toBe('Article not found');
    expect(doc.title).toBe('Article not found — Inkwell');
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(doc.head.querySelector('link[rel="canonical"]')).toBeNull();
    expect(state(doc).refused).toEqual([
      { queryKey: ['articles', 'detail', 'nothing-here'], status: 404, errors: { article: ['not found'] } },
    ]);
  });

  test('When a reader opens an article at a slug it had before two renames, then a 301 sends them to its current address', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada, title: 'First title' });
    const record = mockDb.articleBySlug(article.slug)!;
    mockDb.updateArticle(record.id, { title: 'Second title' });
    mockDb.updateArticle(record.id, { title: 'Third title' });

    const first = await render('/article/first-title');
    const second = await render('/article/second-title?ref=share');
    const current = await render('/article/third-title');

    expect(first.status).toBe(301);
    expect(first.headers.Location).toBe(`${TEST_ORIGIN}/article/third-title`);
    expect(first.headers['Cache-Control']).toBe('public, max-age=0, s-maxage=10');
    expect(second.status).toBe(301);
    expect(second.headers.Location).toBe(`${TEST_ORIGIN}/article/third-title?ref=share`);
    expect(current.status).toBe(200);
    expect(parse(current).head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `${TEST_ORIGIN}/article/third-title`,
    );
  });

  test('When the article is a draft or scheduled for later, then readers get the rendered 404 page', async () => {
    const ada = seedUser({ username: 'ada' });
    const draft = seedArticle({ author: ada, status: 'draft' });
    const scheduled = seedArticle({ author: ada, publishedAt: new Date(Date.now() + 3_600_000).toISOString() });

    const pages = await Promise.all([render(`/article/${draft.slug}`), render(`/article/${scheduled.slug}`)]);

    expect(pages.map((page) => page.status)).toEqual([404, 404]);
    expect(parse(pages[0]!).querySelector('h1')?.textContent).toBe('Article not found');
  });
});

describe('a profile, rendered on the server', () => {
  test("When a reader opens a profile, then the author's articles and a Person are in the HTML", async () => {
    const ada = seedUser({ username: 'ada', bio: 'Writes about <engines> & looms.' });
    seedArticle({ author: ada, title: 'Notes on the engine' });
    seedArticle({ title: 'By someone else' });

    const page = await render('/profile/ada');

    expect(page.status).toBe(200);
    const doc = parse(page);
    expect(doc.title).toBe('ada — Inkwell');
    expect(doc.querySelector('h1')?.textContent).toBe('ada');
    expect(Array.from(doc.querySelectorAll('.card__title')).map((title) => title.textContent)).toEqual([
      'Notes on the engine',
    ]);
    expect(meta(doc, 'og:type')).toBe('profile');
    expect(meta(doc, 'description')).toBe('Writes about <engines> & looms.');
    expect(doc.head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${TEST_ORIGIN}/profile/ada`);
    expect(feeds(doc)).toEqual([`${TEST_ORIGIN}/rss.xml`, `${TEST_ORIGIN}/rss.xml?author=ada`]);
    expect(jsonLd(doc)).toMatchObject({
      '@type': 'ProfilePage',
      mainEntity: { '@type': 'Person', name: 'ada', url: `${TEST_ORIGIN}/profile/ada` },
    });
  });

  test("When the author's newest article has a cover, then it is the page's largest image: eager, high priority, preloaded", async () => {
    const ada = seedUser({ username: 'ada' });
    seedArticle({
      author: ada,
      title: 'Older',
      coverImage: 'https://cdn.example/covers/old.webp',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    seedArticle({
      author: ada,
      title: 'Newest',
      coverImage: 'https://cdn.example/covers/new.webp#w=1600&h=900&v=320,640',
      createdAt: '2026-02-01T00:00:00.000Z',
    });

    const doc = parse(await render('/profile/ada'));

    const [first, second] = Array.from(doc.querySelectorAll('.card img'));
    expect(first?.getAttribute('src')).toBe('https://cdn.example/covers/new.webp');
    expect(first?.getAttribute('loading')).toBe('eager');
    expect(first?.getAttribute('fetchpriority')).toBe('high');
    expect(second?.getAttribute('loading')).toBe('lazy');
    expect(second?.getAttribute('fetchpriority')).toBe('low');
    for (const avatar of doc.querySelectorAll('.avatar img')) {
      expect(avatar.getAttribute('fetchpriority')).toBe('low');
    }
    const preloads = Array.from(doc.head.querySelectorAll('link[rel="preload"][as="image"]'));
    expect(preloads).toHaveLength(1);
    expect(preloads[0]?.getAttribute('imagesrcset')).toContain('new-640.webp 640w');
    expect(preloads[0]?.getAttribute('fetchpriority')).toBe('high');
  });

  test('When a reader opens the favorites tab, then the articles the author favorited are listed', async () => {
    const ada = seedUser({ username: 'ada' });
    seedArticle({ title: 'Loved', favoritedBy: [ada] });
    seedArticle({ title: 'Not loved' });

    const doc = parse(await render('/profile/ada/favorites'));

    expect(Array.from(doc.querySelectorAll('.card__title')).map((title) => title.textContent)).toEqual(['Loved']);
    expect(doc.querySelector('nav.tabs a[aria-current="page"]')?.textContent).toBe('Favorites');
    expect(doc.head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `${TEST_ORIGIN}/profile/ada/favorites`,
    );
  });

  test('When nobody has that name, then the answer is a rendered 404 page', async () => {
    const page = await render('/profile/nobody');

    expect(page.status).toBe(404);
    const doc = parse(page);
    expect(doc.querySelector('h1')?.textContent).toBe('Profile not found');
    expect(meta(doc, 'robots')).toBe('noindex');
  });
});

describe('search results and other pages, rendered on the server', () => {
  test('When a reader searches, then the results are rendered, and the page is kept out of search engines', async () => {
    const ada = seedUser({ username: 'ada' });
    seedArticle({ author: ada, title: 'Dragons of the north', body: 'All about dragons.' });
    seedArticle({ author: ada, title: 'Trains', body: 'Steam.' });

    const page = await render('/search?q=dragons');

    expect(page.status).toBe(200);
    const doc = parse(page);
    expect(doc.title).toBe('“dragons” — Search — Inkwell');
    expect(doc.querySelector('h1')?.textContent).toBe('Results for “dragons”');
    expect(Array.from(doc.querySelectorAll('.card__title')).map((title) => title.textContent)).toEqual([
      'Dragons of the north',
    ]);
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(doc.querySelector<HTMLInputElement>('#site-search')?.getAttribute('value')).toBe('dragons');
  });

  test('When the address is no page at all, then a rendered 404 page answers', async () => {
    const page = await render('/no/such/page');

    expect(page.status).toBe(404);
    const doc = parse(page);
    expect(doc.querySelector('h1')?.textContent).toBe('Page not found');
    expect(meta(doc, 'robots')).toBe('noindex');
  });

  test('When a signed-in-only page reaches the renderer, then it answers with the app as built, unrendered', async () => {
    const page = await render('/editor');

    expect(page.status).toBe(200);
    expect(page.headers['Cache-Control']).toBe('no-cache');
    expect(page.html).toContain('<div id="root"></div>');
    expect(sent).toEqual([]);
  });
});

describe('when the API fails', () => {
  test('When the API does not answer in time, then rendering stops at once with a 503', async () => {
    seedStories(1);
    mockControls.set({ latencyMs: 1000 });

    const started = Date.now();
    const failure = await render('/', { timeoutMs: 100 }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(900);
  });

  test('When the API answers with a server error, then rendering stops with a 502', async () => {
    seedStories(1);
    mockControls.set({ errorRate: 1, errorStatus: 500, errorOn: 'GET /articles' });

    const failure = await render('/').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).status).toBe(502);
  });

  test('When only the tag list fails, then the page is rendered with the tags loading, left to the browser', async () => {
    seedStories(2);
    mockControls.set({ errorRate: 1, errorStatus: 503, errorOn: 'GET /tags' });

    const page = await render('/');

    expect(page.status).toBe(200);
    const doc = parse(page);
    expect(doc.querySelectorAll('.card')).toHaveLength(2);
    expect(doc.querySelector('section[aria-labelledby="popular-tags"] .skeleton-text')).not.toBeNull();
    expect(state(doc).queries.queries.map(({ queryKey }) => queryKey)).toEqual([
      ['articles', 'list', 'global', { page: 1 }],
    ]);
  });

  test('When the API refuses the parameters, then the page shows the refusal with a 400, not indexed', async () => {
    const page = await render(`/?tag=${'x'.repeat(41)}`);

    expect(page.status).toBe(400);
    const doc = parse(page);
    expect(doc.querySelector('[role="alert"] .notice__title')?.textContent).toBe("The articles couldn't be loaded");
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(state(doc).refused.map(({ status }) => status)).toEqual([422]);
  });
});
