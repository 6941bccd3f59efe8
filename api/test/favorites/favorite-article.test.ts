import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { storedFavorites } from '../helpers/favorites.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('POST /api/v1/articles/{slug}/favorite (favoriteArticle)', () => {
  test('When a reader favorites with an empty JSON body, then the article says favorited and counts 1', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request
      .post(`/api/v1/articles/${article.slug}/favorite`)
      .set(tokenHeader(reader.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      slug: article.slug,
      favorited: true,
      favoritesCount: 1,
      body: article.body,
    });
  });

  test('When the same reader favorites twice, then it still counts 1', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));
    const res = await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));

    expect(res.body.article.favoritesCount).toBe(1);
    expect(await storedFavorites(app, article.id)).toEqual({ counter: 1, rows: 1 });
  });

  test('When 25 readers favorite one article at once, some twice, then the count is exactly 25', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const readers = await Promise.all(Array.from({ length: 25 }, () => userFactory.create(app)));
    const favorite = (token: string) =>
      app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(token));

    const results = await Promise.all([...readers, ...readers.slice(0, 10)].map((reader) => favorite(reader.token)));

    expect(results.every((res) => res.status === 200)).toBe(true);
    expect(await storedFavorites(app, article.id)).toEqual({ counter: 25, rows: 25 });
    expect((await app.request.get(`/api/v1/articles/${article.slug}`)).body.article.favoritesCount).toBe(25);
  });

  test('When the article does not exist, then it answers 404', async () => {
    const reader = await userFactory.create(app);

    const res = await app.request.post('/api/v1/articles/no-such-article/favorite').set(tokenHeader(reader.token));

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  test('When there is no token, then it answers 401', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request.post(`/api/v1/articles/${article.slug}/favorite`);

    expect(res.status).toBe(401);
  });
});
