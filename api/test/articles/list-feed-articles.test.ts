import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('GET /api/v1/articles/feed (listFeedArticles)', () => {
  test('When the reader follows authors, then only their articles come, newest first, with the total', async () => {
    const reader = await userFactory.create(app);
    const followed = await userFactory.create(app);
    const alsoFollowed = await userFactory.create(app);
    const stranger = await userFactory.create(app);
    const oldest = await articleFactory.create(app, {
      author: followed,
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
    });
    const newest = await articleFactory.create(app, {
      author: alsoFollowed,
      createdAt: new Date('2026-01-03T00:00:00.000Z'),
    });
    const middle = await articleFactory.create(app, {
      author: followed,
      createdAt: new Date('2026-01-02T00:00:00.000Z'),
    });
    await articleFactory.create(app, { author: stranger });
    for (const author of [followed, alsoFollowed]) {
      await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));
    }

    const res = await app.request.get('/api/v1/articles/feed').set(tokenHeader(reader.token));

    expect(res.status).toBe(200);
    expect(res.body.articlesCount).toBe(3);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([newest.slug, middle.slug, oldest.slug]);
    expect(res.body.articles.every((a: { author: { following: boolean } }) => a.author.following)).toBe(true);
    expect(res.body.articles[0]).not.toHaveProperty('body');
  });

  test('When the reader follows nobody, then the feed is empty with count 0', async () => {
    const reader = await userFactory.create(app);

    const res = await app.request.get('/api/v1/articles/feed').set(tokenHeader(reader.token));

    expect(res.body).toEqual({ articles: [], articlesCount: 0 });
  });

  test('When paging, then limit and offset apply', async () => {
    const reader = await userFactory.create(app);
    const author = await userFactory.create(app);
    for (let day = 1; day <= 3; day += 1) {
      await articleFactory.create(app, { author, createdAt: new Date(Date.UTC(2026, 1, day)) });
    }
    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    const res = await app.request
      .get('/api/v1/articles/feed')
      .query({ limit: 1, offset: 1 })
      .set(tokenHeader(reader.token));

    expect(res.body.articlesCount).toBe(3);
    expect(res.body.articles).toHaveLength(1);
    expect(res.body.articles[0].createdAt).toBe('2026-02-02T00:00:00.000Z');
  });

  test('When there is no token, then it answers 401', async () => {
    const res = await app.request.get('/api/v1/articles/feed');

    expect(res.status).toBe(401);
  });
});
