import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { storedFavorites } from '../helpers/favorites.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('DELETE /api/v1/articles/{slug}/favorite (unfavoriteArticle)', () => {
  test('When the reader unfavorites, then the article says not favorited and the count drops', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/favorite`)
      .set(tokenHeader(reader.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
  });

  test('When 20 readers unfavorite at once, some twice, then the count returns exactly to 0', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const readers = await Promise.all(Array.from({ length: 20 }, () => userFactory.create(app)));
    for (const reader of readers)
      await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));

    await Promise.all(
      [...readers, ...readers.slice(0, 5)].map((reader) =>
        app.request.delete(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token)),
      ),
    );

    expect(await storedFavorites(app, article.id)).toEqual({ counter: 0, rows: 0 });
  });

  test('When the reader had not favorited it, then it is harmless', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request.delete(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));

    expect(res.status).toBe(200);
    expect(res.body.article.favoritesCount).toBe(0);
  });

  test('When the article does not exist, then it answers 404', async () => {
    const reader = await userFactory.create(app);

    const res = await app.request.delete('/api/v1/articles/no-such-article/favorite').set(tokenHeader(reader.token));

    expect(res.status).toBe(404);
  });

  test('When there is no token, then it answers 401', async () => {
    const res = await app.request.delete('/api/v1/articles/whatever/favorite');

    expect(res.status).toBe(401);
  });
});
