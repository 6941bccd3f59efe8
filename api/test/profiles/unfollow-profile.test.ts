import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('DELETE /api/v1/profiles/{username}/follow (unfollowProfile)', () => {
  test('When the caller follows the user, then it stops and answers following false', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    const res = await app.request
      .delete(`/api/v1/profiles/${author.username}/follow`)
      .set(tokenHeader(reader.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({
      username: author.username,
      bio: '',
      image: app.config.defaultAvatarUrl,
      following: false,
    });
    const again = await app.request.get(`/api/v1/profiles/${author.username}`).set(tokenHeader(reader.token));
    expect(again.body.profile.following).toBe(false);
  });

  test('When the caller did not follow the user, then it is harmless', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);

    const res = await app.request.delete(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    expect(res.status).toBe(200);
    expect(res.body.profile.following).toBe(false);
  });

  test('When the user does not exist, then it answers 404', async () => {
    const reader = await userFactory.create(app);

    const res = await app.request.delete('/api/v1/profiles/nobody-has-this-name/follow').set(tokenHeader(reader.token));

    expect(res.status).toBe(404);
  });

  test('When there is no token, then it answers 401', async () => {
    const author = await userFactory.create(app);

    const res = await app.request.delete(`/api/v1/profiles/${author.username}/follow`);

    expect(res.status).toBe(401);
  });
});
