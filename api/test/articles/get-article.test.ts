import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('GET /api/v1/articles/{slug} (getArticle)', () => {
  test('When called anonymously, then it answers the article with its body and false flags', async () => {
    const author = await userFactory.create(app, { bio: 'Writer', image: 'https://img.example.com/w.png' });
    const article = await articleFactory.create(app, { author, tagList: ['b', 'a'], body: '# Title' });

    const res = await app.request.get(`/api/v1/articles/${article.slug}`);

    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      slug: article.slug,
      body: '# Title',
      tagList: ['a', 'b'],
      coverImage: null,
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username, bio: 'Writer', image: 'https://img.example.com/w.png', following: false },
    });
  });

  test('When the caller favorited it and follows the author, then both flags are true', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));
    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    const res = await app.request.get(`/api/v1/articles/${article.slug}`).set(tokenHeader(reader.token));

    expect(res.body.article).toMatchObject({ favorited: true, favoritesCount: 1, author: { following: true } });
  });

  test('When the slug is unknown, then it answers 404', async () => {
    const res = await app.request.get('/api/v1/articles/no-such-article');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  test('When an expired or forged token is sent, then it answers 401 rather than serving anonymously', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request
      .get(`/api/v1/articles/${article.slug}`)
      .set('Authorization', `Token ${author.token}x`);

    expect(res.status).toBe(401);
  });
});
