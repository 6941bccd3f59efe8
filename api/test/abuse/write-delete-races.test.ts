// A write and a delete of what it points at may commit in either order. When the delete wins, the
// write is answered as if it had come after it (404 for the article or profile), never with a 500.
import { describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

/**
 * Runs `sql` in a transaction of its own, sends the request while that transaction holds its
 * locks (the write waits on them), then commits: the delete wins the race.
 */
async function deleteDuring(
  sql: string,
  values: unknown[],
  send: () => PromiseLike<{ status: number; body: unknown }>,
) {
  const client = new pg.Client({ connectionString: app.config.database.url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(sql, values);
    const answer = Promise.resolve(send());
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.query('commit');
    return await answer;
  } finally {
    await client.end();
  }
}

describe('writes racing a delete', () => {
  test('When the article is deleted while it is being favorited, then it answers 404', async () => {
    const [author, reader] = [await userFactory.create(app), await userFactory.create(app)];
    const article = await articleFactory.create(app, { author });

    const res = await deleteDuring('delete from articles where id = $1', [article.id], () =>
      app.request.post(`/api/v1/articles/${article.slug}/favorite`).set(tokenHeader(reader.token)),
    );

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  test('When the article is deleted while it is being commented on, then it answers 404', async () => {
    const [author, reader] = [await userFactory.create(app), await userFactory.create(app)];
    const article = await articleFactory.create(app, { author });

    const res = await deleteDuring('delete from articles where id = $1', [article.id], () =>
      app.request
        .post(`/api/v1/articles/${article.slug}/comments`)
        .set(tokenHeader(reader.token))
        .send({ comment: { body: 'Late' } }),
    );

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  test('When the user is deleted while being followed, then it answers 404', async () => {
    const [followed, follower] = [await userFactory.create(app), await userFactory.create(app)];

    const res = await deleteDuring('delete from users where id = $1', [followed.id], () =>
      app.request.post(`/api/v1/profiles/${followed.username}/follow`).set(tokenHeader(follower.token)),
    );

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { profile: ['not found'] } });
  });
});
