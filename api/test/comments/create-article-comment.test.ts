import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { commentFactory } from '../factories/comment-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { useTestApp } from '../helpers/test-app.js';

const app = useTestApp();
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('POST /api/v1/articles/{slug}/comments (createArticleComment)', () => {
  test('When a reader comments, then it answers 200 with the comment and its integer id', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app, { bio: 'Reader' });
    const article = await articleFactory.create(app, { author });

    const res = await commentFactory.post(app, article.slug, reader.token, 'Thank you so much!');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      comment: {
        id: expect.any(Number),
        body: 'Thank you so much!',
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
        author: { username: reader.username, bio: 'Reader', image: app.config.defaultAvatarUrl, following: false },
      },
    });
    expect(Number.isInteger(res.body.comment.id)).toBe(true);
  });

  test('When the body is blank, then it answers 422', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await commentFactory.post(app, article.slug, author.token, '  ');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ["can't be blank"] } });
  });

  test('When the article does not exist, then it answers 404', async () => {
    const reader = await userFactory.create(app);

    const res = await commentFactory.post(app, 'no-such-article', reader.token, 'Hello');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  test('When there is no token, then it answers 401', async () => {
    const res = await app.request.post('/api/v1/articles/anything/comments').send({ comment: { body: 'Hi' } });

    expect(res.status).toBe(401);
  });
});
