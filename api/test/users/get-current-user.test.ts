import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { useTestApp } from '../helpers/test-app.js';
import { nowSeconds, signToken } from '../helpers/tokens.js';

const app = useTestApp();
const UNAUTHORIZED = { errors: { token: ['is missing or invalid'] } };

describe('GET /api/v1/user (getCurrentUser)', () => {
  test('When the token is valid, then it answers the user with that same token', async () => {
    const user = await userFactory.create(app);

    const res = await app.request.get('/api/v1/user').set('Authorization', `Token ${user.token}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        email: user.email,
        username: user.username,
        bio: '',
        image: app.config.defaultAvatarUrl,
        token: user.token,
      },
    });
  });

  test('When the token comes as Bearer, then it is accepted too', async () => {
    const user = await userFactory.create(app);

    const res = await app.request.get('/api/v1/user').set('Authorization', `Bearer ${user.token}`);

    expect(res.status).toBe(200);
  });

  test('When there is no token, then it answers 401', async () => {
    const res = await app.request.get('/api/v1/user');

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test.each([
    ['a malformed header', 'Token not-a-jwt'],
    ['an unknown scheme', 'Basic dXNlcjpwYXNz'],
  ])('When the header is %s, then it answers 401', async (_name, header) => {
    const res = await app.request.get('/api/v1/user').set('Authorization', header);

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When the token has expired, then it answers 401', async () => {
    const user = await userFactory.create(app);
    const expired = await signToken(String(user.id), nowSeconds() - 60);

    const res = await app.request.get('/api/v1/user').set('Authorization', `Token ${expired}`);

    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test('When the token is signed with another key, then it answers 401', async () => {
    const user = await userFactory.create(app);
    const forged = await signToken(String(user.id), nowSeconds() + 3600, 'some-other-secret-that-is-long-enough-000');

    const res = await app.request.get('/api/v1/user').set('Authorization', `Token ${forged}`);

    expect(res.status).toBe(401);
  });

  test('When the token belongs to a user who no longer exists, then it answers 401', async () => {
    const user = await userFactory.create(app);
    await app.db.query('delete from users where id = $1', [user.id]);

    const res = await app.request.get('/api/v1/user').set('Authorization', `Token ${user.token}`);

    expect(res.status).toBe(401);
  });
});
