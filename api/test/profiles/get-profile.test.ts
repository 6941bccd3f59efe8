import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('GET /api/v1/profiles/{username} (getProfile)', () => {
  test('When called anonymously, then it answers the profile with following false', async () => {
    const author = await userFactory.create(app, { bio: 'Compilers' });

    const res = await app.request.get(`/api/v1/profiles/${author.username}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      profile: { username: author.username, bio: 'Compilers', image: app.config.defaultAvatarUrl, following: false },
    });
  });

  test('When the caller follows the user, then following is true', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    const res = await app.request.get(`/api/v1/profiles/${author.username}`).set(tokenHeader(reader.token));

    expect(res.body.profile.following).toBe(true);
  });

  test('When the username differs in case, then it still finds the user', async () => {
    const author = await userFactory.create(app);

    const res = await app.request.get(`/api/v1/profiles/${author.username.toUpperCase()}`);

    expect(res.status).toBe(200);
    expect(res.body.profile.username).toBe(author.username);
  });

  test('When no user has the username, then it answers 404', async () => {
    const res = await app.request.get('/api/v1/profiles/nobody-has-this-name');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { profile: ['not found'] } });
  });

  test('When an invalid token is sent to this optional-auth operation, then it answers 401', async () => {
    const author = await userFactory.create(app);

    const res = await app.request.get(`/api/v1/profiles/${author.username}`).set('Authorization', 'Token a.b.c');

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { token: ['is missing or invalid'] } });
  });
});
