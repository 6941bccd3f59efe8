import { describe, expect, jest, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { type TestUser, uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';
import { waitUntil } from '../helpers/wait.js';

const app = useTestApp();

/** `count` articles by `author`, one day apart, the newest first in the returned array. */
async function publishSeries(author: TestUser, count: number, extra: { tagList?: string[] } = {}) {
  const created = [];
  for (let i = 0; i < count; i += 1) {
    created.push(await articleFactory.create(app, { author, ...extra, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }));
  }
  return created.reverse();
}

describe('GET /api/v1/articles (listArticles)', () => {
  test('When filtered by author, then it answers that author’s articles newest first, without bodies', async () => {
    const author = await userFactory.create(app);
    const series = await publishSeries(author, 3);

    const res = await app.request.get('/api/v1/articles').query({ author: author.username });

    expect(res.status).toBe(200);
    expect(res.body.articlesCount).toBe(3);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual(series.map((a) => a.slug));
    expect(res.body.articles[0]).not.toHaveProperty('body');
    expect(res.body.articles[0]).toMatchObject({
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username },
    });
  });

  test('When limit and offset are given, then it answers that page and the total of all matches', async () => {
    const author = await userFactory.create(app);
    const series = await publishSeries(author, 5);

    const res = await app.request.get('/api/v1/articles').query({ author: author.username, limit: 2, offset: 2 });

    expect(res.body.articlesCount).toBe(5);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([series[2]!.slug, series[3]!.slug]);
  });

  test('When the offset is past the end, then the page is empty and the total still counts', async () => {
    const author = await userFactory.create(app);
    await publishSeries(author, 2);

    const res = await app.request.get('/api/v1/articles').query({ author: author.username, offset: 10 });

    expect(res.body).toEqual({ articles: [], articlesCount: 2 });
  });

  test('When no filter is given, then the newest articles of all come first and the count is the exact total', async () => {
    const author = await userFactory.create(app);
    const latest = await articleFactory.create(app, { author });

    const res = await app.request.get('/api/v1/articles').query({ limit: 20 });

    // Other files publish at the same time: the page is in publishing order and starts no earlier than ours.
    const times = res.body.articles.map((a: { publishedAt: string }) => a.publishedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(times[0] >= latest.publishedAt!).toBe(true);
    const { rows } = await app.db.query('select count(*)::int as n from articles');
    expect(res.body.articlesCount).toBeGreaterThanOrEqual(1);
    expect(res.body.articlesCount).toBeLessThanOrEqual(rows[0].n);
    const consistent = await app.db.query(
      "select (select count(*) from articles where status = 'published') = (select articles_count from article_totals) as ok",
    );
    expect(consistent.rows[0].ok).toBe(true);
  });

  test('When filtered by tag, then only tagged articles come, newest first, with tags sorted', async () => {
    const author = await userFactory.create(app);
    const tag = uniqueName('tag');
    const tagged = await publishSeries(author, 3, { tagList: [tag, 'another'] });
    await articleFactory.create(app, { author, tagList: ['another'] });

    const res = await app.request.get('/api/v1/articles').query({ tag });

    expect(res.body.articlesCount).toBe(3);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual(tagged.map((a) => a.slug));
    expect(res.body.articles[0].tagList).toEqual(['another', tag].sort());
  });

  test('When filtered by who favorited, then it answers their favorites with the viewer’s flag', async () => {
    const author = await userFactory.create(app);
    const fan = await userFactory.create(app);
    const [liked, , alsoLiked] = await publishSeries(author, 3);
    for (const article of [liked!, alsoLiked!]) {
      await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(fan.token));
    }

    const res = await app.request
      .get('/api/v1/articles')
      .query({ favorited: fan.username })
      .set(tokenHeader(fan.token));

    expect(res.body.articlesCount).toBe(2);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([liked!.slug, alsoLiked!.slug]);
    expect(res.body.articles[0]).toMatchObject({ favorited: true, favoritesCount: 1 });
  });

  test('When filters are combined, then every one applies', async () => {
    const author = await userFactory.create(app);
    const other = await userFactory.create(app);
    const tag = uniqueName('tag');
    const match = await articleFactory.create(app, { author, tagList: [tag] });
    await articleFactory.create(app, { author, tagList: ['unrelated'] });
    await articleFactory.create(app, { author: other, tagList: [tag] });

    const res = await app.request.get('/api/v1/articles').query({ tag, author: author.username.toUpperCase() });

    expect(res.body.articlesCount).toBe(1);
    expect(res.body.articles[0].slug).toBe(match.slug);
  });

  test.each([['author'], ['favorited'], ['tag']])(
    'When %s is unknown, then it answers an empty list, not 404',
    async (filter) => {
      const res = await app.request.get('/api/v1/articles').query({ [filter]: 'johnjacob-nobody' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ articles: [], articlesCount: 0 });
    },
  );

  test('When the viewer follows the author, then list items say so', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    await articleFactory.create(app, { author });
    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    const res = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username })
      .set(tokenHeader(reader.token));

    expect(res.body.articles[0].author.following).toBe(true);
  });

  test.each([
    [{ limit: 101 }, { limit: ['must be less than or equal to 100'] }],
    [{ limit: 0 }, { limit: ['must be greater than or equal to 1'] }],
    [{ offset: -1 }, { offset: ['must be greater than or equal to 0'] }],
    [{ limit: 'ten' }, { limit: ['must be integer'] }],
  ])('When paging is out of bounds (%j), then it answers 422', async (query, errors) => {
    const res = await app.request.get('/api/v1/articles').query(query);

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors });
  });

  test('When an invalid token is sent, then it answers 401', async () => {
    const res = await app.request.get('/api/v1/articles').set('Authorization', 'Token x.y.z');

    expect(res.status).toBe(401);
  });

  test('When the page grows from 2 to 50 articles, then it still takes one SQL statement', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    await publishSeries(author, 50, { tagList: ['t1', 't2'] });
    // The reader's session is checked once, then cached: the lists below cost only their own SQL.
    await waitUntil(() => app.notifications.isLive());
    await app.request.get('/api/v1/user').set(tokenHeader(reader.token));
    const spy = jest.spyOn(app.db, 'query');

    try {
      spy.mockClear();
      await app.request
        .get('/api/v1/articles')
        .query({ author: author.username, limit: 2 })
        .set(tokenHeader(reader.token));
      const small = spy.mock.calls.length;
      spy.mockClear();
      const res = await app.request
        .get('/api/v1/articles')
        .query({ author: author.username, limit: 50 })
        .set(tokenHeader(reader.token));
      const large = spy.mock.calls.length;

      expect(res.body.articles).toHaveLength(50);
      expect(small).toBe(1);
      expect(large).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
