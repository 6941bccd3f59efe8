import { describe, expect, test } from '@jest/globals';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('POST /api/v1/users (createUser)', () => {
  test('When a signed-out or forged token comes with a valid sign-up, then it is ignored: the user is created as without one', async () => {
    const user = await userFactory.create(app);
    await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));
    const usernames = [uniqueName('Stale'), uniqueName('Forged')];
    const headers = [tokenHeader(user.token), { Authorization: 'Token a.b.c' }];

    const answers = await Promise.all(
      usernames.map((username, i) =>
        app.request
          .post('/api/v1/users')
          .set(headers[i]!)
          .send({ user: { username, email: `${username}@example.com`, password: 'secret-password' } }),
      ),
    );

    expect(answers.map((res) => [res.status, res.body.user?.username])).toEqual(
      usernames.map((username) => [201, username]),
    );
    const { rows } = await app.db.query('select username from users where username = any($1)', [usernames]);
    expect(rows.map((row) => row.username).sort()).toEqual([...usernames].sort());
  });

  test('When the input is valid, then it answers 201 with the user, a token, an empty bio and the default avatar', async () => {
    const username = uniqueName('Ada');

    const res = await app.request
      .post('/api/v1/users')
      .send({ user: { username, email: `${username}@example.com`, password: 'secret-password' } });

    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      user: {
        username,
        email: `${username}@example.com`,
        bio: '',
        image: app.config.defaultAvatarUrl,
        token: expect.any(String),
      },
    });
    const me = await app.request.get('/api/v1/user').set('Authorization', `Token ${res.body.user.token}`);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(username);
  });

  test('When the password is stored, then it is an argon2id hash, never the password', async () => {
    const username = uniqueName();

    await app.request
      .post('/api/v1/users')
      .send({ user: { username, email: `${username}@example.com`, password: 'secret-password' } });

    const { rows } = await app.db.query('select password_hash from users where username = $1', [username]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('When fields are missing, then it answers 422 listing each one as blank', async () => {
    const res = await app.request.post('/api/v1/users').send({ user: {} });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      errors: { username: ["can't be blank"], email: ["can't be blank"], password: ["can't be blank"] },
    });
  });

  test('When the email is malformed and the password short, then it answers 422 naming both', async () => {
    const res = await app.request
      .post('/api/v1/users')
      .send({ user: { username: uniqueName(), email: 'not-an-email', password: 'short' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      errors: { email: ['is invalid'], password: ['is too short (minimum is 8 characters)'] },
    });
  });

  test('When the username has characters outside letters, digits, _ and -, then it answers 422', async () => {
    const res = await app.request
      .post('/api/v1/users')
      .send({ user: { username: 'ada lovelace', email: 'ada@example.com', password: 'secret-password' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { username: ['is invalid'] } });
  });

  test('When the username and email are taken in another case, then it answers 422 with both taken', async () => {
    const existing = await userFactory.create(app);

    const res = await app.request.post('/api/v1/users').send({
      user: {
        username: existing.username.toUpperCase(),
        email: existing.email.toUpperCase(),
        password: 'secret-password',
      },
    });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { email: ['has already been taken'], username: ['has already been taken'] } });
  });

  test('When the body is not JSON, then it answers 422 in the error shape', async () => {
    const res = await app.request.post('/api/v1/users').set('Content-Type', 'application/json').send('{"user": {');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ['is not valid JSON'] } });
  });

  test('When the body is empty, then it answers 422 saying the user is blank', async () => {
    const res = await app.request.post('/api/v1/users').set('Content-Type', 'application/json');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { user: ["can't be blank"] } });
  });

  test('When the body is form-encoded, then it answers 415', async () => {
    const res = await app.request.post('/api/v1/users').type('form').send('user=ada');

    expect(res.status).toBe(415);
    expect(res.body).toEqual({ errors: { body: [expect.any(String)] } });
  });
});
