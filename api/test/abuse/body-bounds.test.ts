// No JSON body, however it is shaped within the size limit, holds the event loop: depth, the
// number of values and the length of fields are bounded before parsing and validation.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

// The goal is 50 ms; shared test machines add scheduling noise on top of what the app does.
const BLOCK_BUDGET_MS = 150;

/** Sends `body` and returns the answer with the longest event-loop stall seen meanwhile. */
async function timed(method: 'post' | 'put', path: string, body: string, token?: string) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const request = app.request[method](path).set('Content-Type', 'application/json');
  if (token) request.set(tokenHeader(token));
  histogram.enable();
  const res = await request.send(body);
  histogram.disable();
  return { res, blockedMs: histogram.max / 1e6 };
}

describe('JSON bodies that are expensive to handle', () => {
  test('When a 1 MiB body holds 200,000 invalid items, then it answers 422 at once', async () => {
    const user = await userFactory.create(app);
    const items = Array.from({ length: 200_000 }, () => 'null').join(',');
    const body = `{"article":{"title":"t","description":"d","body":"b","tagList":[${items}]}}`;
    await timed('post', '/api/v1/articles', '{"article":{}}', user.token);

    const { res, blockedMs } = await timed('post', '/api/v1/articles', body, user.token);

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ['has too many values (at most 1000)'] } });
    expect(blockedMs).toBeLessThan(BLOCK_BUDGET_MS);
  });

  test('When a body nests 400,000 levels deep, then it answers 422 without parsing it', async () => {
    const body = `{"user":${'['.repeat(400_000)}${']'.repeat(400_000)}}`;

    const { res, blockedMs } = await timed('post', '/api/v1/users', body);

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ['is nested too deeply (at most 16 levels)'] } });
    expect(blockedMs).toBeLessThan(BLOCK_BUDGET_MS);
  });

  test('When a body holds 80,000 keys, then it answers 422 without parsing it', async () => {
    const keys = Array.from({ length: 80_000 }, (_, i) => `"k${i}":1`).join(',');

    const { res } = await timed('post', '/api/v1/users', `{"user":{${keys}}}`);

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ['has too many values (at most 1000)'] } });
  });

  test('When fields are a megabyte long, then they are refused as too long before any pattern runs over them', async () => {
    const user = await userFactory.create(app);
    const image = JSON.stringify({ user: { image: `http://${'a'.repeat(1_000_000)} x` } });
    const email = JSON.stringify({ user: { email: 'a-'.repeat(500_000), password: 'secret-password', username: 'x' } });

    const put = await timed('put', '/api/v1/user', image, user.token);
    const post = await timed('post', '/api/v1/users', email);

    expect(put.res.status).toBe(422);
    expect(put.res.body).toEqual({ errors: { image: ['is too long (maximum is 2048 characters)'] } });
    expect(post.res.body).toEqual({ errors: { email: ['is too long (maximum is 254 characters)'] } });
    expect(Math.max(put.blockedMs, post.blockedMs)).toBeLessThan(BLOCK_BUDGET_MS);
  });

  test('When the longest article the contract allows is sent, then it is published', async () => {
    const user = await userFactory.create(app);
    const body = `${'🐉'.repeat(50_000)}${'x'.repeat(50_000)}`;

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(user.token))
      .send({
        article: { title: 'Long', description: 'd', body, tagList: Array.from({ length: 10 }, (_, i) => `t${i}`) },
      });

    expect(res.status).toBe(201);
  });

  test('When a JSON body is not UTF-8, then it answers 415', async () => {
    const res = await app.request
      .post('/api/v1/users/login')
      .set('Content-Type', 'application/json; charset=utf-16le')
      .send(Buffer.from('{"user":{}}', 'utf16le'));

    expect(res.status).toBe(415);
    expect(res.body).toEqual({ errors: { body: ['must be JSON in UTF-8'] } });
  });
});
