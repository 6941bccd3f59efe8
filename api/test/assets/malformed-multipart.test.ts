// A multipart body the form parser cannot read is the client's mistake: 422 in the error shape,
// not a 500.
import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('POST /api/v1/assets with a malformed multipart body', () => {
  test.each([
    [
      'ends before its closing boundary',
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
    ],
    ['has a part without headers', '--b\r\n\r\n\r\n--b--\r\n'],
  ])('When the body %s, then it answers 422 naming the file', async (_case, body) => {
    const user = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/assets')
      .set(tokenHeader(user.token))
      .set('Content-Type', 'multipart/form-data; boundary=b')
      .send(body);

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { file: ['was not received as a complete multipart form'] } });
  });
});
