import { describe, expect, test } from '@jest/globals';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('PUT /api/v1/user (updateCurrentUser)', () => {
  test('When bio and image change, then it answers the updated user and stores it', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { bio: 'Writes about engines', image: 'https://img.example.com/me.webp' } });

    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      email: user.email,
      username: user.username,
      bio: 'Writes about engines',
      image: 'https://img.example.com/me.webp',
      token: expect.any(String),
    });
    const profile = await app.request.get(`/api/v1/profiles/${user.username}`);
    expect(profile.body.profile.bio).toBe('Writes about engines');
  });

  test('When the caller sends their own unchanged email, then it succeeds', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { email: user.email } });

    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(user.email);
  });

  test('When the caller sends their own username in another case, then it succeeds and keeps the new spelling', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { username: user.username.toUpperCase() } });

    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(user.username.toUpperCase());
  });

  test("When the email or username is someone else's, then it answers 422 and changes nothing", async () => {
    const user = await userFactory.create(app);
    const other = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { email: other.email.toUpperCase(), username: other.username, bio: 'changed' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { email: ['has already been taken'], username: ['has already been taken'] } });
    const { rows } = await app.db.query('select bio from users where id = $1', [user.id]);
    expect(rows[0].bio).toBe('');
  });

  test('When the password changes, then only the new one signs in', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { password: 'a-brand-new-password' } });

    expect(res.status).toBe(200);
    const oldLogin = await app.request
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: user.password } });
    const newLogin = await app.request
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: 'a-brand-new-password' } });
    expect(oldLogin.status).toBe(401);
    expect(newLogin.status).toBe(200);
  });

  test('When bio is null and image is empty, then they are cleared: "" bio and the default avatar', async () => {
    const user = await userFactory.create(app, { bio: 'Something', image: 'https://img.example.com/x.png' });

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { bio: null, image: '' } });

    expect(res.status).toBe(200);
    expect(res.body.user.bio).toBe('');
    expect(res.body.user.image).toBe(app.config.defaultAvatarUrl);
  });

  test('When nothing is sent to change, then it answers 422', async () => {
    const user = await userFactory.create(app);

    const res = await app.request.put('/api/v1/user').set(tokenHeader(user.token)).send({ user: {} });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { user: ['must change at least one field'] } });
  });

  test('When the image is not an http(s) URL and the username is invalid, then it answers 422 naming both', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { image: 'javascript:alert(1)', username: 'no spaces allowed' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { image: ['is invalid'], username: ['is invalid'] } });
  });

  test('When there is no token, then it answers 401 before looking at the body', async () => {
    const res = await app.request.put('/api/v1/user').send({ user: {} });

    expect(res.status).toBe(401);
  });

  test('When the new username is free, then the profile moves to it', async () => {
    const user = await userFactory.create(app);
    const username = uniqueName('renamed');

    await app.request.put('/api/v1/user').set(tokenHeader(user.token)).send({ user: { username } });

    expect((await app.request.get(`/api/v1/profiles/${username}`)).status).toBe(200);
    expect((await app.request.get(`/api/v1/profiles/${user.username}`)).status).toBe(404);
  });
});
