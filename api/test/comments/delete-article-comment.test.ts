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

  test('When someone who wrote neither the comment nor the article tries, then it answers 403 and the comment stays', async () => {
    const author = await userFactory.create(app);
    const commenter = await userFactory.create(app);
    const stranger = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const created = await commentFactory.post(app, article.slug, commenter.token, 'mine');

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/${created.body.comment.id}`)
      .set(tokenHeader(stranger.token));

    expect(res.status).toBe(403);
    expect(res.body).toEqual({ errors: { comment: ["can only be deleted by its author or the article's author"] } });
    const listed = await app.request.get(`/api/v1/articles/${article.slug}/comments`);
    expect(listed.body.comments.map((c: { id: number }) => c.id)).toEqual([created.body.comment.id]);
  });

  test('When the article’s author deletes a stranger’s comment, then it answers 204 and the comment is gone', async () => {
    const author = await userFactory.create(app);
    const commenter = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const spam = await commentFactory.post(app, article.slug, commenter.token, 'buy now');
    const kept = await commentFactory.post(app, article.slug, commenter.token, 'thoughtful');

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/${spam.body.comment.id}`)
      .set(tokenHeader(author.token));

    expect(res.status).toBe(204);
    const listed = await app.request.get(`/api/v1/articles/${article.slug}/comments`);
    expect(listed.body.comments.map((c: { id: number }) => c.id)).toEqual([kept.body.comment.id]);
  });

  test('When the author of another article tries, then it answers 403', async () => {
    const author = await userFactory.create(app);
    const otherAuthor = await userFactory.create(app);
    const commenter = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    await articleFactory.create(app, { author: otherAuthor });
    const created = await commentFactory.post(app, article.slug, commenter.token, 'mine');

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/${created.body.comment.id}`)
      .set(tokenHeader(otherAuthor.token));

    expect(res.status).toBe(403);
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
