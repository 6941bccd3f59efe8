// Conduit clients send `password: ""` from a settings form whose password field was left empty;
// the reference back ends keep the password then, and so do we.
import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('PUT /api/v1/user (updateCurrentUser) with an empty password', () => {
  test('When the password is an empty string beside other changes, then those apply and the password stays', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: '', bio: 'Still the same password' } });
    const signIn = await app.request
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: user.password } });

    expect(res.status).toBe(200);
    expect(res.body.user.bio).toBe('Still the same password');
    // No new password, so no new session: the caller goes on with the token it has.
    expect(res.body.user.token).toBe(user.token);
    expect(signIn.status).toBe(200);
  });

  test('When the empty password is the only field, then it answers the user unchanged', async () => {
    const user = await userFactory.create(app, { bio: 'Unchanged' });

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: '' } });
    const current = await app.request.get('/api/v1/user').set(tokenHeader(user.token));

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: user.username, email: user.email, bio: 'Unchanged' });
    expect(current.status).toBe(200);
  });

  test('When the password is too short but not empty, then it is still refused with 422', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: 'short' } });

    expect(res.status).toBe(422);
    expect(res.body.errors.password).toContain('is too short (minimum is 8 characters)');
  });
});
