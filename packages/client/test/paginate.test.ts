// paginate(): every item of a list, page by page, and no further: article lists stop at their
// count (or at an empty page when the count was too high), comments at a short or empty page.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createInkwellClient, InkwellApiError, paginate } from '../src/index.js';
import type { Schema } from '../src/index.js';
import { startTestServer } from './support/test-server.js';
import type { Answer, ReceivedRequest, TestServer } from './support/test-server.js';

const PROFILE = {
  username: 'ada',
  bio: '',
  image: 'https://assets.inkwell.example/avatars/ada.webp',
  following: false,
};

function article(n: number): Schema<'ArticleListItem'> {
  return {
    slug: `article-${n}`,
    title: `Article ${n}`,
    description: 'About dragons',
    tagList: ['dragons'],
    coverImage: null,
    coverImageAlt: '',
    coverImageFocalPoint: { x: 0.5, y: 0.5 },
    images: [],
    status: 'published',
    publishedAt: '2026-02-18T03:22:56.637Z',
    createdAt: '2026-02-18T03:22:56.637Z',
    updatedAt: '2026-02-18T03:22:56.637Z',
    favorited: false,
    favoritesCount: 0,
    author: PROFILE,
  };
}

function comment(n: number): Schema<'Comment'> {
  return {
    id: n,
    createdAt: '2026-02-18T04:01:10.250Z',
    updatedAt: '2026-02-18T04:01:10.250Z',
    body: `Comment ${n}`,
    author: PROFILE,
  };
}

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i + 1);

/** A page of `items` as the API cuts it from `limit` (default `defaultLimit`) and `offset`. */
function pageOf<T>(request: ReceivedRequest, items: T[], defaultLimit: number): T[] {
  const limit = Number(request.url.searchParams.get('limit') ?? defaultLimit);
  const offset = Number(request.url.searchParams.get('offset') ?? 0);
  return items.slice(offset, offset + limit);
}

const offsets = (server: TestServer): number[] => server.requests.map((r) => Number(r.url.searchParams.get('offset')));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('paginate', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Serves `/articles` and `/articles/feed` from `articles`, reporting `count` as articlesCount. */
  async function articleServer(articles: Schema<'ArticleListItem'>[], count = articles.length): Promise<TestServer> {
    return startTestServer((request): Answer => ({
      status: 200,
      body: { articles: pageOf(request, articles, 20), articlesCount: count },
    }));
  }

  it('When an article list spans pages, then every article comes once, in order, and no page past the count is asked for', async () => {
    // Arrange
    server = await articleServer(range(5).map(article));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const articles = await collect(paginate(client, '/articles', { query: { tag: 'dragons', limit: 2 } }));
    // Assert
    assert.deepEqual(
      articles.map((a) => a.slug),
      range(5).map((n) => `article-${n}`),
    );
    assert.deepEqual(offsets(server), [0, 2, 4]);
    for (const request of server.requests) {
      assert.equal(request.url.pathname, '/api/v1/articles');
      assert.equal(request.url.searchParams.get('tag'), 'dragons');
      assert.equal(request.url.searchParams.get('limit'), '2');
    }
  });

  it('When articlesCount is higher than what is left (articles deleted meanwhile), then an empty page ends it', async () => {
    // Arrange
    server = await articleServer(range(3).map(article), 10);
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const articles = await collect(paginate(client, '/articles', { query: { limit: 2 } }));
    // Assert
    assert.equal(articles.length, 3);
    assert.deepEqual(offsets(server), [0, 2, 3]);
  });

  it('When an offset is given, then the list starts there; when the list is empty, one call ends it', async () => {
    // Arrange
    server = await articleServer(range(5).map(article));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const rest = await collect(paginate(client, '/articles', { query: { offset: 3, limit: 10 } }));
    const none = await collect(paginate(client, '/articles', { query: { author: 'nobody', offset: 5 } }));
    // Assert
    assert.deepEqual(
      rest.map((a) => a.slug),
      ['article-4', 'article-5'],
    );
    assert.deepEqual(none, []);
    assert.deepEqual(offsets(server), [3, 5]);
  });

  it('When the caller stops early, then no further page is fetched', async () => {
    // Arrange
    server = await articleServer(range(9).map(article));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const firstThree: string[] = [];
    for await (const item of paginate(client, '/articles', { query: { limit: 2 } })) {
      firstThree.push(item.slug);
      if (firstThree.length === 3) break;
    }
    // Assert
    assert.deepEqual(firstThree, ['article-1', 'article-2', 'article-3']);
    assert.deepEqual(offsets(server), [0, 2]);
  });

  it("When the feed is walked, then it goes through /articles/feed with the client's token", async () => {
    // Arrange
    server = await articleServer(range(3).map(article));
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.reader' });
    // Act
    const feed = await collect(paginate(client, '/articles/feed', { query: { limit: 2 } }));
    // Assert
    assert.equal(feed.length, 3);
    assert.deepEqual(
      server.requests.map((r) => [r.url.pathname, r.headers.authorization]),
      [
        ['/api/v1/articles/feed', 'Token eyJ.reader'],
        ['/api/v1/articles/feed', 'Token eyJ.reader'],
      ],
    );
  });

  it('When comments span pages, then a page shorter than the limit is the last one', async () => {
    // Arrange
    const comments = range(5).map(comment);
    server = await startTestServer((request) => ({ status: 200, body: { comments: pageOf(request, comments, 100) } }));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const all = await collect(
      paginate(client, '/articles/{slug}/comments', { path: { slug: 'how-to-train' }, query: { limit: 2 } }),
    );
    // Assert
    assert.deepEqual(
      all.map((c) => c.id),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(offsets(server), [0, 2, 4]);
    assert.equal(server.requests[0]!.url.pathname, '/api/v1/articles/how-to-train/comments');
  });

  it("When comments are walked without a limit (the API's page size), then an empty page ends it", async () => {
    // Arrange
    const comments = range(5).map(comment);
    server = await startTestServer((request) => ({ status: 200, body: { comments: pageOf(request, comments, 100) } }));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const all = await collect(paginate(client, '/articles/{slug}/comments', { path: { slug: 'how-to-train' } }));
    // Assert
    assert.equal(all.length, 5);
    assert.deepEqual(offsets(server), [0, 5]);
    assert.equal(server.requests[0]!.url.searchParams.get('limit'), null);
  });

  it('When a later page fails, then the items before it arrive and the iteration throws InkwellApiError', async () => {
    // Arrange
    const articles = range(4).map(article);
    server = await startTestServer((request, index) =>
      index === 0
        ? { status: 200, body: { articles: pageOf(request, articles, 20), articlesCount: 4 } }
        : { status: 422, body: { errors: { offset: ['must be less than or equal to 100000'] } } },
    );
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    const seen: string[] = [];
    // Act
    const failure = await (async () => {
      for await (const item of paginate(client, '/articles', { query: { limit: 2 } })) seen.push(item.slug);
    })().catch((error: unknown) => error);
    // Assert
    assert.deepEqual(seen, ['article-1', 'article-2']);
    assert.ok(failure instanceof InkwellApiError);
    assert.equal(failure.status, 422);
  });
});
