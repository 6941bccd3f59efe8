import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { startTestApp, tokenHeader, useTestApp } from '../helpers/test-app.js';
import { nowSeconds, signToken } from '../helpers/tokens.js';

const app = useTestApp();

/** Failed sign-ins allowed per client address and account (RATE_LIMIT_SIGN_IN_ACCOUNT). */
const perAccount = () => app.config.rateLimits.signInAccount!.max;

const login = (email: string, password: string) =>
  app.request.post('/api/v1/users/login').send({ user: { email, password } });

describe('POST /api/v1/users/login (loginUser)', () => {
  test('When the credentials are right, then it answers 200 with the user and a working token', async () => {
    const user = await userFactory.create(app, { bio: 'Engines', image: 'https://img.example.com/ada.png' });

    const res = await login(user.email, user.password);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        email: user.email,
        username: user.username,
        bio: 'Engines',
        image: 'https://img.example.com/ada.png',
        token: expect.any(String),
      },
    });
    const me = await app.request.get('/api/v1/user').set('Authorization', `Token ${res.body.user.token}`);
    expect(me.body.user.username).toBe(user.username);
  });

  test('When the email differs only in case, then it still signs in', async () => {
    const user = await userFactory.create(app);

    const res = await login(user.email.toUpperCase(), user.password);

    expect(res.status).toBe(200);
  });

  test('When a signed-out or expired token is sent with the credentials, then it is ignored: it answers 200 with a fresh, working token', async () => {
    const user = await userFactory.create(app);
    await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));
    const expired = await signToken(String(user.id), nowSeconds() - 60);

    const answers = await Promise.all(
      [user.token, expired].map((stale) =>
        app.request
          .post('/api/v1/users/login')
          .set(tokenHeader(stale))
          .send({ user: { email: user.email, password: user.password } }),
      ),
    );

    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    for (const res of answers) {
      expect(res.body.user.token).not.toBe(user.token);
      const me = await app.request.get('/api/v1/user').set(tokenHeader(res.body.user.token));
      expect([me.status, me.body.user?.username]).toEqual([200, user.username]);
    }
  });

  test('When the password is wrong, then it answers 401 without saying which field was wrong', async () => {
    const user = await userFactory.create(app);

    const res = await login(user.email, 'not the password');

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { credentials: ['email or password is invalid'] } });
  });

  test('When the email is unknown, then the answer is the same as for a wrong password', async () => {
    const res = await login('nobody-by-this-name@example.com', 'whatever-password');

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { credentials: ['email or password is invalid'] } });
  });

  test('When the email is unknown, then answering takes about as long as for a wrong password', async () => {
    const user = await userFactory.create(app);
    const time = async (email: string) => {
      const started = performance.now();
      await login(email, 'not the password');
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const wrongPassword: number[] = [];
    const unknownEmail: number[] = [];

    for (let i = 0; i < 5; i += 1) {
      wrongPassword.push(await time(user.email));
      unknownEmail.push(await time(`unknown-${i}-${user.email}`));
    }

    // A hash verification takes milliseconds; skipping it would make unknown emails far faster.
    expect(median(unknownEmail)).toBeGreaterThan(median(wrongPassword) * 0.5);
  });

  test('When fields are missing, then it answers 422 naming them', async () => {
    const res = await app.request.post('/api/v1/users/login').send({ user: { email: '' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { email: ["can't be blank"], password: ["can't be blank"] } });
  });

  test('When one client keeps failing for one account, then it gets 429 with Retry-After, even with the right password', async () => {
    const user = await userFactory.create(app);
    for (let i = 0; i < perAccount(); i += 1) {
      expect((await login(user.email, `wrong-${i}-password`)).status).toBe(401);
    }

    const res = await login(user.email, user.password);

    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toEqual({ errors: { credentials: ['too many failed sign-in attempts, retry later'] } });
  });

  test('When sign-ins succeed, then they do not count towards the limit', async () => {
    const user = await userFactory.create(app);

    for (let i = 0; i < perAccount() + 2; i += 1) {
      expect((await login(user.email, user.password)).status).toBe(200);
    }

    expect((await login(user.email, 'wrong-password')).status).toBe(401);
  });

  test('When the limit is reached through one replica, then another replica on the same database refuses too', async () => {
    const user = await userFactory.create(app);
    for (let i = 0; i < perAccount(); i += 1) await login(user.email, `wrong-${i}-password`);
    const otherReplica = await startTestApp();

    try {
      const res = await otherReplica.request
        .post('/api/v1/users/login')
        .send({ user: { email: user.email, password: user.password } });

      expect(res.status).toBe(429);
    } finally {
      await otherReplica.close();
    }
  });
});
