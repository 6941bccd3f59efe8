import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('DELETE /api/v1/articles/{slug} (deleteArticle)', () => {
  test('When the author deletes it, then it answers 204 and the article, its comments, favorites and tag uses are gone', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const tag = uniqueName('tag');
    const article = await articleFactory.create(app, { author, tagList: [tag] });
    await app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token));
    await app.request
      .post(`/api/v1/articles/${article.slug}/comments`)
      .set(tokenHeader(reader.token))
      .send({ comment: { body: 'Nice' } });

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await app.request.get(`/api/v1/articles/${article.slug}`)).status).toBe(404);
    const { rows } = await app.db.query(
      `select (select count(*) from comments where article_id = $1)::int as comments,
              (select count(*) from favorites where article_id = $1)::int as favorites,
              (select articles_count from tags where name = $2) as "tagUses"`,
      [article.id, tag],
    );
    expect(rows[0]).toEqual({ comments: 0, favorites: 0, tagUses: 0 });
    expect((await app.request.get('/api/v1/tags')).body.tags).not.toContain(tag);
    expect((await app.request.get('/api/v1/articles').query({ author: author.username })).body).toEqual({
      articles: [],
      articlesCount: 0,
    });
  });

  test('When someone else tries, then it answers 403 and the article stays', async () => {
    const author = await userFactory.create(app);
    const intruder = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request.delete(`/api/v1/articles/${article.slug}`).set(tokenHeader(intruder.token));

    expect(res.status).toBe(403);
    expect((await app.request.get(`/api/v1/articles/${article.slug}`)).status).toBe(200);
  });

  test('When the article does not exist, then it answers 404', async () => {
    const author = await userFactory.create(app);

    const res = await app.request.delete('/api/v1/articles/no-such-article').set(tokenHeader(author.token));

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  test('When there is no token, then it answers 401', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request.delete(`/api/v1/articles/${article.slug}`);

    expect(res.status).toBe(401);
  });
});
