// Sign-up runs a memory-hard password hash per call: it is limited per client address.
import { describe, expect, test } from '@jest/globals';
import { uniqueName } from '../factories/user-factory.js';
import { fromAddress, uniqueClientAddress } from '../helpers/client-address.js';
import { startTestApp, useTestApp } from '../helpers/test-app.js';

const app = useTestApp({ env: { RATE_LIMIT_SIGN_UP: '3/1h' } });

const signUp = (address: string, target = app) => {
  const username = uniqueName('signup');
  return target.request
    .post('/api/v1/users')
    .set(fromAddress(address))
    .send({ user: { username, email: `${username}@example.com`, password: 'secret-password' } });
};

describe('POST /api/v1/users (createUser) rate limit', () => {
  test('When one address signs up more often than the limit, then it gets 429 with Retry-After in the error shape', async () => {
    const address = uniqueClientAddress();
    for (let i = 0; i < 3; i += 1) expect((await signUp(address)).status).toBe(201);

    const res = await signUp(address);

    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3500);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(res.body).toEqual({ errors: { user: ['too many sign-ups from this address, retry later'] } });
  });

  test('When one address is limited, then another address still signs up', async () => {
    const busy = uniqueClientAddress();
    for (let i = 0; i < 4; i += 1) await signUp(busy);

    const res = await signUp(uniqueClientAddress());

    expect(res.status).toBe(201);
  });

  test('When the sign-ups are invalid, then they are refused with 422 without counting', async () => {
    const address = uniqueClientAddress();
    for (let i = 0; i < 5; i += 1) {
      const res = await app.request
        .post('/api/v1/users')
        .set(fromAddress(address))
        .send({ user: { username: 'x' } });
      expect(res.status).toBe(422);
    }

    expect((await signUp(address)).status).toBe(201);
  });

  test('When the limit is reached through one replica, then another replica on the same database refuses too', async () => {
    const address = uniqueClientAddress();
    for (let i = 0; i < 3; i += 1) await signUp(address);
    const otherReplica = await startTestApp({ env: { RATE_LIMIT_SIGN_UP: '3/1h' } });

    try {
      expect((await signUp(address, otherReplica)).status).toBe(429);
    } finally {
      await otherReplica.close();
    }
  });
});
