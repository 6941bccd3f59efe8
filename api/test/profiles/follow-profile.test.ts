import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

async function followCount(followerId: number): Promise<number> {
  const { rows } = await app.db.query('select count(*)::int as n from follows where follower_id = $1', [followerId]);
  return rows[0].n;
}

describe('POST /api/v1/profiles/{username}/follow (followProfile)', () => {
  test('When a stray JSON body comes along, then it is ignored and the user is followed', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);

    const res = await app.request
      .post(`/api/v1/profiles/${author.username}/follow`)
      .set(tokenHeader(reader.token))
      .send({ user: { email: reader.email } });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      profile: { username: author.username, bio: '', image: app.config.defaultAvatarUrl, following: true },
    });
    expect(await followCount(reader.id)).toBe(1);
  });

  test('When the body is empty with a JSON content type, then it is accepted', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);

    const res = await app.request
      .post(`/api/v1/profiles/${author.username}/follow`)
      .set(tokenHeader(reader.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(200);
    expect(res.body.profile.following).toBe(true);
  });

  test('When following twice, then it is harmless', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);

    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));
    const res = await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));

    expect(res.status).toBe(200);
    expect(await followCount(reader.id)).toBe(1);
  });

  test('When following oneself, then it answers 422', async () => {
    const user = await userFactory.create(app);

    const res = await app.request.post(`/api/v1/profiles/${user.username}/follow`).set(tokenHeader(user.token));

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { profile: ['cannot follow yourself'] } });
  });

  test('When the user does not exist, then it answers 404', async () => {
    const reader = await userFactory.create(app);

    const res = await app.request.post('/api/v1/profiles/nobody-has-this-name/follow').set(tokenHeader(reader.token));

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { profile: ['not found'] } });
  });

  test('When there is no token, then it answers 401', async () => {
    const author = await userFactory.create(app);

    const res = await app.request.post(`/api/v1/profiles/${author.username}/follow`);

    expect(res.status).toBe(401);
  });
});
