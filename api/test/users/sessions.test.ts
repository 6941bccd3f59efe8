// Sessions across the users operations: which token each answers, what a password change ends,
// and that an ended session is refused everywhere.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { decodeJwt } from 'jose';
import { DEFAULT_PASSWORD, userFactory } from '../factories/user-factory.js';
import { type TestApp, startTestApp, tokenHeader, useTestApp } from '../helpers/test-app.js';
import { nowSeconds, signToken } from '../helpers/tokens.js';
import { waitUntil } from '../helpers/wait.js';

const app = useTestApp();
const UNAUTHORIZED = { errors: { token: ['is missing or invalid'] } };
const THIRTY_DAYS = 30 * 24 * 3600;

async function signIn(target: TestApp, email: string, password = DEFAULT_PASSWORD): Promise<string> {
  const res = await target.request.post('/api/v1/users/login').send({ user: { email, password } });
  expect(res.status).toBe(200);
  return res.body.user.token;
}

const statusWith = async (token: string, target: TestApp = app): Promise<number> =>
  (await target.request.get('/api/v1/user').set(tokenHeader(token))).status;

describe('sessions', () => {
  test('When GET /user is called, then it answers the very token it was called with, every time', async () => {
    const user = await userFactory.create(app);

    const first = await app.request.get('/api/v1/user').set(tokenHeader(user.token));
    const second = await app.request.get('/api/v1/user').set(tokenHeader(user.token));

    expect(first.body.user.token).toBe(user.token);
    expect(second.body.user.token).toBe(user.token);
  });

  test('When a user signs in, then a session starts whose end the token carries, 30 days by default', async () => {
    const user = await userFactory.create(app);

    const token = await signIn(app, user.email);

    const claims = decodeJwt(token);
    const { rows } = await app.db.query(
      `select id, extract(epoch from expires_at)::float8 as "expiresAt", revoked_at as "revokedAt"
         from sessions where id = $1 and user_id = $2`,
      [claims.sid, user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].revokedAt).toBeNull();
    expect(claims.exp).toBe(Math.floor(rows[0].expiresAt));
    expect(Math.abs(claims.exp! - (nowSeconds() + THIRTY_DAYS))).toBeLessThan(5);
  });

  test('When a user signs up, then they are signed in with a session of their own', async () => {
    const username = `fresh${Date.now().toString(36)}`;

    const res = await app.request
      .post('/api/v1/users')
      .send({ user: { username, email: `${username}@example.com`, password: DEFAULT_PASSWORD } });

    expect(res.status).toBe(201);
    const { rows } = await app.db.query('select count(*)::int as n from sessions where id = $1', [
      decodeJwt(res.body.user.token).sid,
    ]);
    expect(rows[0].n).toBe(1);
  });

  test('When a user changes their password, then every other session ends and the answer carries a new working token', async () => {
    const user = await userFactory.create(app);
    const phone = await signIn(app, user.email);
    await statusWith(user.token);
    await statusWith(phone);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: 'a brand new passphrase' } });

    expect(res.status).toBe(200);
    const fresh = res.body.user.token as string;
    expect(fresh).not.toBe(user.token);
    expect(await statusWith(fresh)).toBe(200);
    expect(await statusWith(user.token)).toBe(401);
    expect(await statusWith(phone)).toBe(401);
    const { rows } = await app.db.query(
      'select count(*)::int as n from sessions where user_id = $1 and revoked_at is null',
      [user.id],
    );
    expect(rows[0].n).toBe(1);
    expect(await statusWith(await signIn(app, user.email, 'a brand new passphrase'))).toBe(200);
  });

  test('When a user changes anything but the password, then the session and its token stay', async () => {
    const user = await userFactory.create(app);
    const phone = await signIn(app, user.email);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { bio: 'New here' } });

    expect(res.status).toBe(200);
    expect(res.body.user.token).toBe(user.token);
    expect(await statusWith(user.token)).toBe(200);
    expect(await statusWith(phone)).toBe(200);
  });

  test('When the password is sent empty (a settings form left blank), then no session ends', async () => {
    const user = await userFactory.create(app);
    const phone = await signIn(app, user.email);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: '', bio: 'Unchanged password' } });

    expect(res.status).toBe(200);
    expect(res.body.user.token).toBe(user.token);
    expect(await statusWith(phone)).toBe(200);
  });

  test('When a session has expired, then its token is refused even though the token itself has not', async () => {
    const user = await userFactory.create(app);
    const sessionId = decodeJwt(user.token).sid;
    expect(await statusWith(user.token)).toBe(200);

    await app.db.query(
      `update sessions set created_at = now() - interval '31 days', expires_at = now() - interval '1 second'
        where id = $1`,
      [sessionId],
    );

    await waitUntil(async () => (await statusWith(user.token)) === 401, 1000);
    const res = await app.request.get('/api/v1/articles').set(tokenHeader(user.token));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When a token names no session (signed before sessions existed), then it is refused', async () => {
    const user = await userFactory.create(app);
    const sessionless = await signToken(String(user.id), nowSeconds() + 3600);

    const res = await app.request.get('/api/v1/articles').set(tokenHeader(sessionless));

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When the session belongs to another user than the token names, then the token is refused', async () => {
    const user = await userFactory.create(app);
    const other = await userFactory.create(app);
    const stolenSid = decodeJwt(other.token).sid as string;
    const mixed = await signToken(String(user.id), nowSeconds() + 3600, undefined, { sid: stolenSid });

    expect(await statusWith(mixed)).toBe(401);
  });
});

describe('sessions with a configured lifetime and a second replica', () => {
  let shortLived: TestApp;
  beforeAll(async () => {
    shortLived = await startTestApp({ env: { SESSION_TTL: '2m' } });
  });
  afterAll(async () => {
    await shortLived.close();
  });

  test('When SESSION_TTL is 2m, then a sign-in session lasts two minutes', async () => {
    const user = await userFactory.create(app);

    const token = await signIn(shortLived, user.email);

    expect(Math.abs(decodeJwt(token).exp! - (nowSeconds() + 120))).toBeLessThan(5);
  });

  test('When a password changes on one replica, then the old sessions cached on another are refused there too', async () => {
    const user = await userFactory.create(app);
    await waitUntil(() => shortLived.notifications.isLive());
    expect(await statusWith(user.token, shortLived)).toBe(200);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: 'another new passphrase' } });

    expect(res.status).toBe(200);
    await waitUntil(async () => (await statusWith(user.token, shortLived)) === 401, 1000);
    expect(await statusWith(res.body.user.token, shortLived)).toBe(200);
  });
});
