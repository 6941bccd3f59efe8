import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DEFAULT_PASSWORD, userFactory } from '../factories/user-factory.js';
import { type TestApp, startTestApp, tokenHeader, useTestApp } from '../helpers/test-app.js';
import { waitUntil } from '../helpers/wait.js';

const app = useTestApp();
const UNAUTHORIZED = { errors: { token: ['is missing or invalid'] } };

async function signIn(email: string): Promise<string> {
  const res = await app.request.post('/api/v1/users/login').send({ user: { email, password: DEFAULT_PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.user.token;
}

describe('POST /api/v1/users/logout (logoutUser)', () => {
  test('When a signed-in user signs out, then it answers 204 with no body and the session is revoked', async () => {
    const user = await userFactory.create(app);
    expect((await app.request.get('/api/v1/user').set(tokenHeader(user.token))).status).toBe(200);

    const res = await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));

    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const { rows } = await app.db.query('select revoked_at from sessions where user_id = $1', [user.id]);
    expect(rows).toEqual([{ revoked_at: expect.any(String) }]);
  });

  test('When the token was signed out, then every operation that reads a token refuses it, optional-auth ones included', async () => {
    const user = await userFactory.create(app);
    const other = await userFactory.create(app);
    await app.request.get('/api/v1/articles').set(tokenHeader(user.token));
    await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));

    const answers = await Promise.all([
      app.request.get('/api/v1/user').set(tokenHeader(user.token)),
      app.request
        .put('/api/v1/user')
        .set(tokenHeader(user.token))
        .send({ user: { bio: 'still me?' } }),
      app.request.get('/api/v1/articles/feed').set(tokenHeader(user.token)),
      app.request.get('/api/v1/articles').set(tokenHeader(user.token)),
      app.request.get(`/api/v1/profiles/${other.username}`).set(tokenHeader(user.token)),
      app.request.get('/api/v1/user').set('Authorization', `Bearer ${user.token}`),
    ]);

    expect(answers.map((res) => [res.status, res.body])).toEqual(answers.map(() => [401, UNAUTHORIZED]));
  });

  test('When the same token signs out twice, then the second time answers 401', async () => {
    const user = await userFactory.create(app);
    await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));

    const res = await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When one of two sessions signs out, then the other stays signed in', async () => {
    const user = await userFactory.create(app);
    const laptop = await signIn(user.email);
    const phone = await signIn(user.email);

    await app.request.post('/api/v1/users/logout').set(tokenHeader(laptop));

    expect((await app.request.get('/api/v1/user').set(tokenHeader(laptop))).status).toBe(401);
    const res = await app.request.get('/api/v1/user').set(tokenHeader(phone));
    expect(res.status).toBe(200);
    expect(res.body.user.token).toBe(phone);
  });

  test('When the user signs in again after signing out, then the new token works', async () => {
    const user = await userFactory.create(app);
    await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));

    const fresh = await signIn(user.email);

    expect((await app.request.get('/api/v1/user').set(tokenHeader(fresh))).status).toBe(200);
  });

  test('When a Conduit client sends an empty JSON body, then it is accepted', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/users/logout')
      .set(tokenHeader(user.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(204);
  });

  test('When there is no token, then it answers 401', async () => {
    const res = await app.request.post('/api/v1/users/logout');

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When the token is malformed, then it answers 401', async () => {
    const res = await app.request.post('/api/v1/users/logout').set('Authorization', 'Token not-a-jwt');

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When the body is not valid JSON, then it answers 422 and the session lives on', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/users/logout')
      .set(tokenHeader(user.token))
      .set('Content-Type', 'application/json')
      .send('{"user":');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ['is not valid JSON'] } });
    expect((await app.request.get('/api/v1/user').set(tokenHeader(user.token))).status).toBe(200);
  });
});

describe('signing out with several replicas', () => {
  let replica: TestApp;
  beforeAll(async () => {
    replica = await startTestApp();
  });
  afterAll(async () => {
    await replica.close();
  });

  test('When a token signs out on one replica, then another replica that had it cached refuses it within a second', async () => {
    const user = await userFactory.create(app);
    await waitUntil(() => replica.notifications.isLive());
    // The other replica has checked the session, so it sits in its cache.
    for (let i = 0; i < 3; i += 1) {
      expect((await replica.request.get('/api/v1/user').set(tokenHeader(user.token))).status).toBe(200);
    }

    const signedOutAt = Date.now();
    expect((await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token))).status).toBe(204);

    await waitUntil(
      async () => (await replica.request.get('/api/v1/user').set(tokenHeader(user.token))).status === 401,
      1000,
    );
    expect(Date.now() - signedOutAt).toBeLessThan(1000);
  });
});
