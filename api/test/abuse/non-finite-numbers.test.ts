// Numbers too large to be finite in a query or a path are refused with 422 naming the field; they
// used to pass validation as Infinity and end in a 500 from the database.
import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('numbers that are not finite', () => {
  test.each([
    ['limit', '/api/v1/articles?limit=1e309'],
    ['offset', '/api/v1/articles?offset=1e309'],
    ['limit', '/api/v1/articles?q=dragons&limit=1e309'],
    ['limit', '/api/v1/articles/some-slug/comments?limit=1e309'],
  ])('When %s is 1e309, then it answers 422 naming it', async (field, path) => {
    const res = await app.request.get(path);

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { [field]: ['must be a finite number'] } });
  });

  test('When a comment id in the path is 1e309, then it answers 422 naming it', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request
      .delete(`/api/v1/articles/${article.slug}/comments/1e309`)
      .set(tokenHeader(author.token));

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { id: ['must be a finite number'] } });
  });
});
