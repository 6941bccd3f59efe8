import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { commentFactory } from '../factories/comment-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('DELETE /api/v1/articles/{slug}/comments/{id} (deleteArticleComment)', () => {
  test('When its author deletes it with an empty JSON body, then it answers 204 and it is gone', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const created = await commentFactory.post(app, article.slug, author.token, 'bye');

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/${created.body.comment.id}`)
      .set(tokenHeader(author.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(204);
    expect((await app.request.get(`/api/v1/articles/${article.slug}/comments`)).body.comments).toEqual([]);
  });

  test('When someone else tries, even the article’s author, then it answers 403', async () => {
    const author = await userFactory.create(app);
    const commenter = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const created = await commentFactory.post(app, article.slug, commenter.token, 'mine');

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/${created.body.comment.id}`)
      .set(tokenHeader(author.token));

    expect(res.status).toBe(403);
    expect(res.body).toEqual({ errors: { comment: ['can only be deleted by its author'] } });
  });

  test('When the comment belongs to another article, then it answers 404', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const other = await articleFactory.create(app, { author });
    const created = await commentFactory.post(app, other.slug, author.token, 'elsewhere');

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/${created.body.comment.id}`)
      .set(tokenHeader(author.token));

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { comment: ['not found'] } });
  });

  test('When the id is not an integer, then it answers 422', async () => {
    const author = await userFactory.create(app);

    const res = await app.request.delete('/api/v1/articles/any/comments/abc').set(tokenHeader(author.token));

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { id: ['must be integer'] } });
  });

  test('When there is no token, then it answers 401', async () => {
    const res = await app.request.delete('/api/v1/articles/any/comments/1');

    expect(res.status).toBe(401);
  });
});
