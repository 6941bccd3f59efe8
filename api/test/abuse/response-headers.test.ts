// Every answer says nosniff; answers that carry a token or an email are never stored by a cache.
import { describe, expect, test } from '@jest/globals';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('response headers', () => {
  test('When anything answers, an operation, an error, a 404, the reference or the document, then it carries nosniff', async () => {
    const answers = await Promise.all([
      app.request.get('/api/v1/tags'),
      app.request.get('/api/v1/articles?limit=0'),
      app.request.get('/api/v1/no/such/thing'),
      app.request.get('/no/such/page'),
      app.request.get('/api/v1/docs'),
      app.request.get('/api/v1/openapi.json'),
      app.request.post('/api/v1/users/login').set('Content-Type', 'application/json').send('{not json'),
    ]);

    for (const res of answers) expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('When sign-up, sign-in, GET /user or PUT /user answer with a token and an email, then Cache-Control is no-store', async () => {
    const username = uniqueName();
    const signUp = await app.request
      .post('/api/v1/users')
      .send({ user: { username, email: `${username}@example.com`, password: 'secret-password' } });
    const signIn = await app.request
      .post('/api/v1/users/login')
      .send({ user: { email: `${username}@example.com`, password: 'secret-password' } });
    const auth = tokenHeader(signIn.body.user.token);
    const current = await app.request.get('/api/v1/user').set(auth);
    const updated = await app.request
      .put('/api/v1/user')
      .set(auth)
      .send({ user: { bio: 'Hello' } });

    for (const res of [signUp, signIn, current, updated]) {
      expect(res.body.user.token).toEqual(expect.any(String));
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  test('When a public list answers, then it is not marked no-store', async () => {
    const user = await userFactory.create(app);

    const res = await app.request.get('/api/v1/tags').set(tokenHeader(user.token));

    expect(res.headers['cache-control']).toBeUndefined();
  });
});
