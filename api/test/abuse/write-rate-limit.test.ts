// Writes (articles, comments, favorites, follows) are limited per account, together.
import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp({ env: { RATE_LIMIT_WRITES: '4/5m' } });

describe('rate limit on writes', () => {
  test('When one account makes more changes than the limit, whatever they are, then the next one gets 429 with Retry-After', async () => {
    const writer = await userFactory.create(app);
    const other = await userFactory.create(app);
    const theirs = await articleFactory.create(app, { author: other });
    const auth = tokenHeader(writer.token);

    const created = await app.request
      .post('/api/v1/articles')
      .set(auth)
      .send({ article: { title: 'One', description: 'd', body: 'b' } });
    expect(created.status).toBe(201);
    expect((await app.request.post(`/api/v1/articles/${theirs.slug}/favorite`).set(auth)).status).toBe(200);
    expect((await app.request.post(`/api/v1/profiles/${other.username}/follow`).set(auth)).status).toBe(200);
    const comment = await app.request
      .post(`/api/v1/articles/${theirs.slug}/comments`)
      .set(auth)
      .send({ comment: { body: 'Nice' } });
    expect(comment.status).toBe(200);

    const res = await app.request.delete(`/api/v1/articles/${created.body.article.slug}`).set(auth);

    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toEqual({ errors: { account: ['is making too many changes, retry later'] } });
    expect((await app.request.get(`/api/v1/articles/${created.body.article.slug}`)).status).toBe(200);
  });

  test('When one account is limited, then another account still writes and everyone still reads', async () => {
    const busy = await userFactory.create(app);
    for (let i = 0; i < 5; i += 1) {
      await app.request
        .post('/api/v1/articles')
        .set(tokenHeader(busy.token))
        .send({ article: { title: `Busy ${i}`, description: 'd', body: 'b' } });
    }
    const calm = await userFactory.create(app);

    const write = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(calm.token))
      .send({ article: { title: 'Calm', description: 'd', body: 'b' } });
    const read = await app.request
      .get('/api/v1/articles')
      .query({ author: busy.username })
      .set(tokenHeader(busy.token));

    expect(write.status).toBe(201);
    expect(read.status).toBe(200);
    expect(read.body.articlesCount).toBe(4);
  });

  test('When a write is invalid or anonymous, then it is answered without counting', async () => {
    const writer = await userFactory.create(app);
    for (let i = 0; i < 6; i += 1) {
      const invalid = await app.request
        .post('/api/v1/articles')
        .set(tokenHeader(writer.token))
        .send({ article: { title: '' } });
      expect(invalid.status).toBe(422);
    }

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(writer.token))
      .send({ article: { title: 'Counted', description: 'd', body: 'b' } });

    expect(res.status).toBe(201);
  });
});
