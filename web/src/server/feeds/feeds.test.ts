// The feeds through a real HTTP server and the real typed client, on an in-memory API: well-formed
// XML whatever the titles hold, absolute URLs, the headers crawlers and feed readers rely on, and
// a walk through the article list that stays within the contract's limits.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createInkwellClient } from '@inkwell/client';
import { AUTHOR_FILTER_MAX_LENGTH, TAG_FILTER_MAX_LENGTH } from '@inkwell/rules';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';

import { buildArticleListItem, buildProfile } from '@/testing/factories';

import type { ArticleListItem, FeedContext } from './context';
import { handleFeedRequest } from './index';
import { ROBOTS_RULES } from './robots';
import { RSS_ITEMS, renderRss } from './rss';
import { API_MAX_OFFSET, API_PAGE_SIZE, URLS_PER_SITEMAP, forgetWalks, renderSitemap, siteEntries } from './sitemap';
import { escapeXml, stripInvalidXmlChars } from './xml';

const ORIGIN = 'https://inkwell.example.org';

/** Everything XML 1.0 forbids, and a lone surrogate; none of it may reach a document. */
const ILLEGAL = '\u0000\u0001\u0008\u000B\u000C\u001F\uD800\uFFFE\uFFFF';
const HOSTILE_TITLE = `</title></item><script>alert(1)</script>]]><![CDATA[ & "quotes" 'too' ${ILLEGAL}🐉`;
const HOSTILE_DESCRIPTION = '<img src=x onerror=alert(1)> &amp; &lt; &#0; &unknown; <!-- -->';
const HOSTILE_TAG = '<b>"&\'</b>';
const HOSTILE_USER = 'o\'brien&<"x">';

interface FakeApi {
  articles: ArticleListItem[];
  /** Every /articles query the feeds sent. */
  calls: URLSearchParams[];
  inFlight: number;
  maxInFlight: number;
  /** When set, every call answers this status. */
  failWith?: number;
  /** When true, every call fails like a refused connection. */
  down?: boolean;
  /** Overrides the articlesCount the API reports. */
  count?: number;
  /** How long each call takes; default 1 ms. */
  delayMs?: number;
}

const fake: FakeApi = { articles: [], calls: [], inFlight: 0, maxInFlight: 0 };

/** The API's GET /articles over `fake.articles`: filters, limit, offset, the contract's bounds. */
async function fakeFetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (fake.down) throw new TypeError('fetch failed');
  fake.calls.push(url.searchParams);
  fake.inFlight += 1;
  fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
  try {
    await new Promise((resolve) => setTimeout(resolve, fake.delayMs ?? 1));
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (fake.failWith) return json(fake.failWith, { errors: { server: ['down'] } });
    if (url.pathname !== '/api/v1/articles') return json(404, { errors: { path: ['not found'] } });
    const query = url.searchParams;
    const limit = Number(query.get('limit') ?? 20);
    const offset = Number(query.get('offset') ?? 0);
    if (limit < 1 || limit > API_PAGE_SIZE || offset < 0 || offset > API_MAX_OFFSET) {
      return json(422, { errors: { limit: ['out of range'] } });
    }
    const matching = fake.articles.filter(
      (article) =>
        (!query.has('tag') || article.tagList.includes(query.get('tag') ?? '')) &&
        (!query.has('author') || article.author.username === query.get('author')),
    );
    return json(200, {
      articles: matching.slice(offset, offset + limit),
      articlesCount: fake.count ?? matching.length,
    });
  } finally {
    fake.inFlight -= 1;
  }
}

const ctx: FeedContext = {
  // As the renderer's own (server/api.ts): no retries, a failure answers at once.
  api: createInkwellClient({ baseUrl: 'http://api.test/api/v1', fetch: fakeFetch, retries: false }),
  publicOrigin: ORIGIN,
  requestId: 'req-feeds-1',
};

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    void handleFeedRequest(req, res, ctx).then((answered) => {
      if (!answered) res.writeHead(418, { 'content-type': 'text/plain' }).end('not a feed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  Object.assign(fake, { articles: [], calls: [], inFlight: 0, maxInFlight: 0 });
  delete fake.failWith;
  delete fake.down;
  delete fake.count;
  delete fake.delayMs;
  forgetWalks();
});

/** `count` articles, newest first, one minute apart, by `authors` writers in turn. */
function articles(count: number, authors = 3): ArticleListItem[] {
  const writers = Array.from({ length: authors }, (_, index) => buildProfile({ username: `writer-${index}` }));
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(Date.UTC(2026, 0, 1) - index * 60_000).toISOString();
    return buildArticleListItem({
      slug: `article-${index}`,
      title: `Article ${index}`,
      createdAt: at,
      updatedAt: at,
      tagList: index % 2 === 0 ? ['even'] : ['odd'],
      author: writers[index % authors],
    });
  });
}

/** Parses `text` as XML the way a browser does; fails the test on any well-formedness error. */
function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ''}\n${text.slice(0, 2000)}`);
  return doc;
}

const texts = (doc: Document, tag: string): string[] =>
  Array.from(doc.getElementsByTagName(tag), (node) => node.textContent ?? '');

describe('XML text', () => {
  test('When text holds markup characters, then all five are escaped', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  test('When text holds code points XML 1.0 forbids, then they are dropped and the rest kept', () => {
    expect(stripInvalidXmlChars(`a${ILLEGAL}b\t\n\r🐉\uD83D\uDC09`)).toBe('ab\t\n\r🐉🐉');
  });
});

describe('GET /rss.xml', () => {
  test('When articles exist, then it is RSS 2.0 of the newest 20 with absolute links, dates, authors and tags', async () => {
    fake.articles = articles(25);
    const response = await fetch(`${base}/rss.xml`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=60');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const doc = parseXml(await response.text());
    expect(doc.documentElement.getAttribute('version')).toBe('2.0');
    expect(texts(doc, 'title')[0]).toBe('Inkwell');
    expect(doc.querySelector('channel > link')?.textContent).toBe(`${ORIGIN}/`);
    const self = doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')[0];
    expect(self?.getAttribute('href')).toBe(`${ORIGIN}/rss.xml`);
    expect(self?.getAttribute('rel')).toBe('self');

    const items = doc.getElementsByTagName('item');
    expect(items).toHaveLength(RSS_ITEMS);
    const first = items[0]!;
    expect(first.querySelector('link')?.textContent).toBe(`${ORIGIN}/article/article-0`);
    expect(first.querySelector('pubDate')?.textContent).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(first.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'creator')[0]?.textContent).toBe(
      'writer-0',
    );
    expect(first.querySelector('category')?.textContent).toBe('even');
    expect(first.querySelector('guid')?.getAttribute('isPermaLink')).toBe('false');
    expect(first.querySelector('guid')?.textContent).toBe(
      'tag:inkwell.example.org,2026-01-01:article/writer-0/2026-01-01T00:00:00.000Z',
    );
    expect(fake.calls.map((query) => query.toString())).toEqual(['limit=20&offset=0']);
  });

  test('When ?tag= and ?author= are given, then the API is asked for them and the channel names them', async () => {
    fake.articles = articles(10);
    const response = await fetch(`${base}/rss.xml?author=writer-1&tag=odd&utm_source=reader`);

    const doc = parseXml(await response.text());
    expect(fake.calls[0]?.get('tag')).toBe('odd');
    expect(fake.calls[0]?.get('author')).toBe('writer-1');
    expect(texts(doc, 'title')[0]).toBe('Inkwell · #odd · by writer-1');
    const self = doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')[0];
    expect(self?.getAttribute('href')).toBe(`${ORIGIN}/rss.xml?tag=odd&author=writer-1`);
    expect(texts(doc, 'dc:creator').every((name) => name === 'writer-1')).toBe(true);
  });

  test('When only ?author= is given, then the channel links to the profile', async () => {
    fake.articles = articles(3);
    const doc = parseXml(await (await fetch(`${base}/rss.xml?author=writer-2`)).text());
    expect(doc.querySelector('channel > link')?.textContent).toBe(`${ORIGIN}/profile/writer-2`);
  });

  test('When titles, descriptions, tags and names are hostile, then the feed stays well-formed and says them as text', async () => {
    fake.articles = [
      buildArticleListItem({
        slug: 'tricks',
        title: HOSTILE_TITLE,
        description: HOSTILE_DESCRIPTION,
        tagList: [HOSTILE_TAG],
        author: buildProfile({ username: HOSTILE_USER }),
      }),
    ];
    const text = await (await fetch(`${base}/rss.xml`)).text();

    expect(text).not.toMatch(/<script|<img|<b>/);
    const doc = parseXml(text);
    const item = doc.getElementsByTagName('item')[0]!;
    expect(item.querySelector('title')?.textContent).toBe(stripInvalidXmlChars(HOSTILE_TITLE));
    expect(item.querySelector('description')?.textContent).toBe(HOSTILE_DESCRIPTION);
    expect(item.querySelector('category')?.textContent).toBe(HOSTILE_TAG);
    expect(item.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'creator')[0]?.textContent).toBe(
      HOSTILE_USER,
    );
  });

  test('When a hostile tag filters the feed, then the channel and self link stay well-formed', async () => {
    const doc = parseXml(await (await fetch(`${base}/rss.xml?tag=${encodeURIComponent(HOSTILE_TAG)}`)).text());
    expect(texts(doc, 'title')[0]).toBe(`Inkwell · #${HOSTILE_TAG}`);
    const self = doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')[0];
    expect(new URL(self?.getAttribute('href') ?? '').searchParams.get('tag')).toBe(HOSTILE_TAG);
  });

  test('When an article has an uploaded cover, then it is media:content without the size hints', () => {
    const article = buildArticleListItem({
      coverImage: 'https://assets.example.org/a/cover.webp#w=1600&h=900&v=320,640',
    });
    const doc = parseXml(renderRss(ctx, {}, [article]));
    const media = doc.getElementsByTagNameNS('http://search.yahoo.com/mrss/', 'content')[0];
    expect(media?.getAttribute('url')).toBe('https://assets.example.org/a/cover.webp');
    expect(media?.getAttribute('type')).toBe('image/webp');
    expect(media?.getAttribute('medium')).toBe('image');
    expect([media?.getAttribute('width'), media?.getAttribute('height')]).toEqual(['1600', '900']);
  });

  test('When a cover is not an http(s) URL, then the item has no media:content', () => {
    const article = buildArticleListItem({ coverImage: 'javascript:alert(1)' });
    expect(renderRss(ctx, {}, [article])).not.toContain('media:content');
  });

  test('When a filter is out of the contract, then it answers 400 without asking the API', async () => {
    const tooLong = await fetch(`${base}/rss.xml?tag=${'x'.repeat(41)}`);
    const twice = await fetch(`${base}/rss.xml?author=a&author=b`);
    expect([tooLong.status, twice.status]).toEqual([400, 400]);
    expect(tooLong.headers.get('cache-control')).toBe('no-store');
    expect(fake.calls).toHaveLength(0);
  });

  test('When a filter is as long as the contract allows in characters beyond the basic plane, then it is passed on; one more is refused', async () => {
    const longest = await fetch(`${base}/rss.xml?tag=${encodeURIComponent('🐉'.repeat(TAG_FILTER_MAX_LENGTH))}`);
    const tooLong = await fetch(
      `${base}/rss.xml?author=${encodeURIComponent('🐉'.repeat(AUTHOR_FILTER_MAX_LENGTH + 1))}`,
    );
    expect([longest.status, tooLong.status]).toEqual([200, 400]);
    expect(fake.calls.map((query) => query.get('tag'))).toEqual(['🐉'.repeat(TAG_FILTER_MAX_LENGTH)]);
  });

  test('When the API is down or failing, then it answers 503 to retry shortly, never cached', async () => {
    fake.down = true;
    const down = await fetch(`${base}/rss.xml`);
    delete fake.down;
    fake.failWith = 500;
    const failing = await fetch(`${base}/rss.xml`);
    for (const response of [down, failing]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  test('When the reader has the current copy (If-None-Match), then it answers 304; HEAD gets headers only', async () => {
    fake.articles = articles(2);
    const first = await fetch(`${base}/rss.xml`);
    const etag = first.headers.get('etag') ?? '';
    await first.text();
    const again = await fetch(`${base}/rss.xml`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}/rss.xml`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await head.text()).toBe('');
  });
});

describe('GET /sitemap.xml', () => {
  test('When the site is small, then it is one urlset: home, every article, every author once, with lastmod', async () => {
    fake.articles = articles(250, 4);
    const response = await fetch(`${base}/sitemap.xml`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600, s-maxage=3600');
    const doc = parseXml(await response.text());
    expect(doc.documentElement.localName).toBe('urlset');
    expect(doc.documentElement.namespaceURI).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = texts(doc, 'loc');
    expect(locs).toHaveLength(1 + 250 + 4);
    expect(locs[0]).toBe(`${ORIGIN}/`);
    expect(locs[1]).toBe(`${ORIGIN}/article/article-0`);
    expect(locs.slice(-4)).toEqual([0, 1, 2, 3].map((n) => `${ORIGIN}/profile/writer-${n}`));
    const lastmods = texts(doc, 'lastmod');
    expect(lastmods[0]).toBe('2026-01-01T00:00:00Z');
    expect(lastmods.at(-1)).toBe('2025-12-31T23:57:00Z'); // writer-3's newest article, the fourth
    // Paged through the API 100 at a time.
    expect(fake.calls.map((query) => [query.get('limit'), query.get('offset')])).toEqual([
      ['100', '0'],
      ['100', '100'],
      ['100', '200'],
    ]);
  });

  test('When slugs and names need it, then locs are percent-encoded and the document well-formed', () => {
    const article = buildArticleListItem({
      slug: 'a&b<c>"d"',
      author: buildProfile({ username: HOSTILE_USER }),
    });
    const doc = parseXml(renderSitemap(ctx, siteEntries([article]), 0) ?? '');
    expect(texts(doc, 'loc').slice(1)).toEqual([
      `${ORIGIN}/article/a%26b%3Cc%3E%22d%22`,
      `${ORIGIN}/profile/o'brien%26%3C%22x%22%3E`,
    ]);
  });

  test('When it grows past 50,000 URLs, then /sitemap.xml is an index of pages of at most 50,000', () => {
    const entries = Array.from({ length: 2 * URLS_PER_SITEMAP + 1 }, (_, index) => ({
      path: `/article/a-${index}`,
      lastModified: Date.UTC(2026, 0, 1) - index * 1000,
    }));
    const index = parseXml(renderSitemap(ctx, entries, 0) ?? '');
    expect(index.documentElement.localName).toBe('sitemapindex');
    expect(texts(index, 'loc')).toEqual([1, 2, 3].map((page) => `${ORIGIN}/sitemap.xml?page=${page}`));
    expect(texts(index, 'lastmod')[1]).toBe('2025-12-31T10:06:40Z');

    // Counted, not parsed: jsdom's parser takes seconds over 50,000 URLs (the small cases above parse).
    const pages = [1, 2, 3].map((page) => renderSitemap(ctx, entries, page) ?? '');
    expect(pages.map((text) => text.match(/<url>/g)?.length)).toEqual([URLS_PER_SITEMAP, URLS_PER_SITEMAP, 1]);
    expect(texts(parseXml(pages[2] ?? ''), 'loc')).toEqual([`${ORIGIN}/article/a-${2 * URLS_PER_SITEMAP}`]);
    expect(renderSitemap(ctx, entries, 4)).toBeUndefined();
  });

  test('When the API counts more than its deepest offset reaches, then the walk stops there, a few calls at a time', async () => {
    fake.articles = articles(300);
    fake.count = 10_000_000;
    const response = await fetch(`${base}/sitemap.xml`);

    expect(response.status).toBe(200);
    const offsets = fake.calls.map((query) => Number(query.get('offset')));
    expect(offsets).toHaveLength(API_MAX_OFFSET / API_PAGE_SIZE + 1);
    expect(Math.max(...offsets)).toBe(API_MAX_OFFSET);
    expect(fake.maxInFlight).toBeLessThanOrEqual(4);
  });

  test('When pages are asked for in parallel, then they share one walk through the list', async () => {
    fake.articles = articles(500);
    fake.delayMs = 100; // the walk is still going when the last request arrives
    const responses = await Promise.all([
      fetch(`${base}/sitemap.xml`),
      fetch(`${base}/sitemap.xml?page=1`),
      fetch(`${base}/sitemap.xml`),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(fake.calls).toHaveLength(5);
  });

  test('When the query is not a page number, or the page does not exist, then it answers 404 without a walk', async () => {
    const answers = await Promise.all(
      ['?page=0', '?page=01', '?page=x', '?page=1&page=2', '?p=1'].map((query) => fetch(`${base}/sitemap.xml${query}`)),
    );
    expect(answers.map((response) => response.status)).toEqual([404, 404, 404, 404, 404]);
    expect(fake.calls).toHaveLength(0);

    fake.articles = articles(300);
    expect((await fetch(`${base}/sitemap.xml?page=2`)).status).toBe(404);
    expect(fake.calls.map((query) => query.get('limit'))).toEqual(['1']);
  });

  test('When a crawler fetches the index and then its pages, then one walk serves them all', async () => {
    fake.articles = articles(250);
    for (const query of ['', '?page=1', '']) expect((await fetch(`${base}/sitemap.xml${query}`)).status).toBe(200);
    expect(fake.calls).toHaveLength(3);
  });

  test('When the walk fails, then the next request walks again', async () => {
    fake.articles = articles(250);
    fake.failWith = 500;
    expect((await fetch(`${base}/sitemap.xml`)).status).toBe(503);
    delete fake.failWith;
    expect((await fetch(`${base}/sitemap.xml`)).status).toBe(200);
  });

  test('When a call fails midway, then it answers 503 and makes no further calls', async () => {
    fake.articles = articles(2000);
    fake.count = 2000;
    let calls = 0;
    const failing: FeedContext = {
      ...ctx,
      api: createInkwellClient({
        baseUrl: 'http://api.test/api/v1',
        retries: false,
        fetch: (request) => {
          calls += 1;
          return calls === 3 ? Promise.reject(new TypeError('fetch failed')) : fakeFetch(request);
        },
      }),
    };
    const { sitemapFeed } = await import('./sitemap');
    const answer = await sitemapFeed(failing, new URLSearchParams());
    expect(answer.status).toBe(503);
    expect(calls).toBeLessThan(8);
  });
});

describe('GET /robots.txt', () => {
  test('When asked, then it has the web build’s rules and names the absolute sitemap', async () => {
    const response = await fetch(`${base}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(`${ROBOTS_RULES}\n\nSitemap: ${ORIGIN}/sitemap.xml\n`);
    const staticFile = readFileSync(new URL('../../../public/robots.txt', import.meta.url), 'utf8');
    expect(staticFile.trim()).toBe(ROBOTS_RULES);
  });
});

describe('handleFeedRequest', () => {
  test('When the path is not a feed, then it leaves the request to the renderer', async () => {
    for (const path of ['/', '/article/rss.xml', '/rss.xml/', '/RSS.xml', '/sitemap.xml.gz']) {
      expect((await fetch(`${base}${path}`)).status).toBe(418);
    }
  });

  test('When the method is not GET or HEAD, then it answers 405 with Allow', async () => {
    const response = await fetch(`${base}/rss.xml`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  test('When it calls the API, then it passes the request id on', async () => {
    const seen: string[] = [];
    const tracing: FeedContext = {
      ...ctx,
      api: createInkwellClient({
        baseUrl: 'http://api.test/api/v1',
        retries: false,
        fetch: (request) => {
          seen.push(request.headers.get('x-request-id') ?? '');
          return fakeFetch(request);
        },
      }),
    };
    const { rssFeed } = await import('./rss');
    await rssFeed(tracing, new URLSearchParams());
    expect(seen).toEqual(['req-feeds-1']);
  });
});
