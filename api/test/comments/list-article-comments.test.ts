import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { commentFactory } from '../factories/comment-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('GET /api/v1/articles/{slug}/comments (listArticleComments)', () => {
  test('When read anonymously, then it answers the comments newest first', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const first = await commentFactory.post(app, article.slug, author.token, 'first');
    const second = await commentFactory.post(app, article.slug, author.token, 'second');

    const res = await app.request.get(`/api/v1/articles/${article.slug}/comments`);

    expect(res.status).toBe(200);
    expect(res.body.comments.map((c: { id: number }) => c.id)).toEqual([second.body.comment.id, first.body.comment.id]);
  });

  test('When the reader follows a commenter, then that comment’s author says following', async () => {
    const author = await userFactory.create(app);
    const commenter = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    await commentFactory.post(app, article.slug, commenter.token, 'hello');
    await app.request.post(`/api/v1/profiles/${commenter.username}/follow`).set(tokenHeader(reader.token));

    const res = await app.request.get(`/api/v1/articles/${article.slug}/comments`).set(tokenHeader(reader.token));

    expect(res.body.comments[0].author).toMatchObject({ username: commenter.username, following: true });
  });

  test('When limit and offset are given, then they page the comments', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    for (const body of ['c1', 'c2', 'c3']) await commentFactory.post(app, article.slug, author.token, body);

    const res = await app.request.get(`/api/v1/articles/${article.slug}/comments`).query({ limit: 1, offset: 1 });

    expect(res.body.comments.map((c: { body: string }) => c.body)).toEqual(['c2']);
  });

  test('When the article has no comments, then the list is empty', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request.get(`/api/v1/articles/${article.slug}/comments`);

    expect(res.body).toEqual({ comments: [] });
  });

  test('When the article does not exist, then it answers 404', async () => {
    const res = await app.request.get('/api/v1/articles/no-such-article/comments');

    expect(res.status).toBe(404);
  });
});
