// The cache of anonymous reads (http/read-cache.ts): a repeat answer comes from memory, and every
// write that could change it empties it. To tell a cached answer from a fresh one, rows are
// changed behind the cache's back: with triggers off for the transaction, nothing is notified.
import { describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { type TestApp, startTestApp, tokenHeader, useTestApp } from '../helpers/test-app.js';
import { TEST_ENV, testEnv } from '../helpers/test-env.js';
import { waitUntil } from '../helpers/wait.js';

// As in production: the API announces its own writes, the triggers only the others'.
const app = useTestApp({ announcesReads: true });
const small = useTestApp({ announcesReads: true, env: { READ_CACHE_ENTRIES: '2' } });

/** Runs `sql` with the triggers off, so no process hears of it. */
async function unannounced(db: pg.Pool, sql: string, values: unknown[]): Promise<void> {
  const client = await db.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(sql, values);
    await client.query('commit');
  } finally {
    client.release();
  }
}

/** An article whose description can be changed behind the cache's back. */
async function article(on: TestApp) {
  const author = await userFactory.create(on);
  const row = await articleFactory.create(on, { author, description: 'original' });
  // The factory wrote straight to the database: its notification must be in before reads begin.
  await waitUntil(() => on.notifications.isLive());
  await on.notifications.caughtUp(2000);
  const describe = (text: string) =>
    unannounced(on.db, 'update articles set description = $2 where id = $1', [row.id, text]);
  return { author, slug: row.slug, id: row.id, describe };
}

describe('the cache of anonymous reads', () => {
  test('When an anonymous read is repeated, then it is answered from the cache, with an ETag', async () => {
    const { slug, describe } = await article(app);
    const first = await app.request.get(`/api/v1/articles/${slug}`);
    await describe('changed');

    const second = await app.request.get(`/api/v1/articles/${slug}`);

    expect(second.status).toBe(200);
    expect(second.body.article.description).toBe('original');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    expect(second.headers['x-request-id']).toEqual(expect.any(String));
    expect(second.text).toBe(first.text);
  });

  test('When the client holds the answer (If-None-Match), then it is answered 304 without a body', async () => {
    const { slug } = await article(app);
    const first = await app.request.get(`/api/v1/articles/${slug}/comments`);

    const again = await app.request.get(`/api/v1/articles/${slug}/comments`).set('If-None-Match', first.headers.etag!);

    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  test('When the same list is asked with its parameters in another order, then it is the same entry', async () => {
    const { author, describe } = await article(app);
    await app.request.get(`/api/v1/articles?author=${author.username}&limit=5`);
    await describe('changed');

    const res = await app.request.get(`/api/v1/articles?limit=5&author=${author.username}`);

    expect(res.body.articles[0].description).toBe('original');
  });

  test('When a scheduled article comes out, then the cached answers have it, with no write', async () => {
    const { author, describe } = await article(app);
    const at = Date.now() + 1500;
    const created = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({
        article: { title: `Later ${at}`, description: 'd', body: 'b', publishedAt: new Date(at).toISOString() },
      });
    expect(created.status).toBe(201);
    const list = () => app.request.get(`/api/v1/articles?author=${author.username}`);
    // Cached while the article is still to come: a change behind the cache's back does not show.
    await waitUntil(async () => {
      await list();
      await describe(`hidden ${Date.now()}`);
      return (await list()).body.articles[0]?.description === 'original';
    });
    expect((await list()).body.articles).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now() + 50)));
    const later = await list();

    expect(later.body.articles.map((a: { slug: string }) => a.slug)).toEqual([
      created.body.article.slug,
      expect.any(String),
    ]);
  });

  test('When the reader is signed in or searches, then the answer is fresh', async () => {
    const { author, slug, describe } = await article(app);
    await app.request.get(`/api/v1/articles/${slug}`);
    await app.request.get(`/api/v1/articles?q=original&author=${author.username}`);
    await describe('changed');

    const signedIn = await app.request.get(`/api/v1/articles/${slug}`).set(tokenHeader(author.token));
    const search = await app.request.get(`/api/v1/articles?q=original&author=${author.username}`);

    expect(signedIn.body.article.description).toBe('changed');
    expect(signedIn.headers.etag).toBeUndefined();
    expect(search.body.articles).toEqual([]);
  });

  test('When an answer is not 200, then it is not kept', async () => {
    const author = await userFactory.create(app);
    const missing = await app.request.get(`/api/v1/profiles/${author.username}x`);
    await unannounced(app.db, 'update users set username = $2 where id = $1', [author.id, `${author.username}x`]);

    const res = await app.request.get(`/api/v1/profiles/${author.username}x`);

    expect(missing.status).toBe(404);
    expect(res.status).toBe(200);
  });

  test('When more answers are kept than READ_CACHE_ENTRIES, then the least recently used goes', async () => {
    const [a, b, c] = [await article(small), await article(small), await article(small)];
    for (const one of [a, b, c]) await small.request.get(`/api/v1/articles/${one.slug}`);
    await a.describe('changed');
    await c.describe('changed');

    const [first, last] = [
      await small.request.get(`/api/v1/articles/${a.slug}`),
      await small.request.get(`/api/v1/articles/${c.slug}`),
    ];

    expect(first.body.article.description).toBe('changed');
    expect(last.body.article.description).toBe('original');
  });

  test('When the listener is lost, then the cache is dropped and reads go to the database', async () => {
    const other = await startTestApp();
    try {
      const { slug, describe } = await article(other);
      await other.request.get(`/api/v1/articles/${slug}`);
      await describe('changed');
      await other.notifications.close();

      const res = await other.request.get(`/api/v1/articles/${slug}`);

      expect(res.body.article.description).toBe('changed');
    } finally {
      await other.close();
    }
  });
});

describe('what empties the cache', () => {
  /** Reads `path` anonymously (so it is cached), runs `write`, and answers the read again. */
  async function around(path: string, write: () => Promise<unknown>) {
    await app.request.get(path);
    await write();
    return app.request.get(path);
  }

  test('When an article is published, edited or deleted, then the lists show it', async () => {
    const author = await userFactory.create(app);
    const list = `/api/v1/articles?author=${author.username}`;
    const published = await around(list, () =>
      app.request
        .post('/api/v1/articles')
        .set(tokenHeader(author.token))
        .send({ article: { title: 'Cache one', description: 'd', body: 'b' } }),
    );
    const slug = published.body.articles[0].slug as string;
    const edited = await around(list, () =>
      app.request
        .put(`/api/v1/articles/${slug}`)
        .set(tokenHeader(author.token))
        .send({ article: { description: 'edited' } }),
    );
    const deleted = await around(list, () =>
      app.request.delete(`/api/v1/articles/${slug}`).set(tokenHeader(author.token)),
    );

    expect(published.body.articlesCount).toBe(1);
    expect(edited.body.articles[0].description).toBe('edited');
    expect(deleted.body.articlesCount).toBe(0);
  });

  test('When a comment is added or deleted, then the comments show it', async () => {
    const { author, slug } = await article(app);
    const path = `/api/v1/articles/${slug}/comments`;
    const added = await around(path, () =>
      app.request
        .post(path)
        .set(tokenHeader(author.token))
        .send({ comment: { body: 'hello' } }),
    );
    const deleted = await around(path, () =>
      app.request.delete(`${path}/${added.body.comments[0].id}`).set(tokenHeader(author.token)),
    );

    expect(added.body.comments).toHaveLength(1);
    expect(deleted.body.comments).toHaveLength(0);
  });

  test('When an article is favorited or unfavorited, then its count shows it', async () => {
    const { slug } = await article(app);
    const reader = await userFactory.create(app);
    const path = `/api/v1/articles/${slug}`;
    const favorited = await around(path, () => app.request.post(`${path}/favorite`).set(tokenHeader(reader.token)));
    const unfavorited = await around(path, () => app.request.delete(`${path}/favorite`).set(tokenHeader(reader.token)));

    expect(favorited.body.article.favoritesCount).toBe(1);
    expect(unfavorited.body.article.favoritesCount).toBe(0);
  });

  test('When an author changes their bio, then their articles and profile show it', async () => {
    const { author, slug } = await article(app);
    const profile = `/api/v1/profiles/${author.username}`;
    await app.request.get(profile);

    const shown = await around(`/api/v1/articles/${slug}`, () =>
      app.request
        .put('/api/v1/user')
        .set(tokenHeader(author.token))
        .send({ user: { bio: 'new bio' } }),
    );
    const profiled = await app.request.get(profile);

    expect(shown.body.article.author.bio).toBe('new bio');
    expect(profiled.body.profile.bio).toBe('new bio');
  });

  test('When a comment is written past the API (another connection), then its trigger empties the cache', async () => {
    const { author, id, slug } = await article(app);
    await app.request.get(`/api/v1/articles/${slug}/comments`);
    const outsider = new pg.Client({ connectionString: testEnv(TEST_ENV.databaseUrl) });
    await outsider.connect();
    try {
      await outsider.query("insert into comments (article_id, author_id, body) values ($1, $2, 'unseen')", [
        id,
        author.id,
      ]);
    } finally {
      await outsider.end();
    }

    await waitUntil(async () => {
      const res = await app.request.get(`/api/v1/articles/${slug}/comments`);
      return res.body.comments.length === 1;
    });
  });
});
