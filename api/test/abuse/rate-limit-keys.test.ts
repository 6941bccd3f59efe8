// Rate-limit keys are built only from validated, bounded values: an oversized or random field is
// refused by validation before any key is made of it, and no email address is kept in the table.
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { fromAddress, uniqueClientAddress } from '../helpers/client-address.js';
import { useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

const keysFor = async (address: string): Promise<string[]> => {
  const { rows } = await app.db.query<{ key: string }>('select key from rate_limits where key like $1 order by key', [
    `%${address}%`,
  ]);
  // The address exactly, not one that merely starts like it.
  return rows.map((row) => row.key).filter((key) => key.split(':')[1]?.split('|')[0] === address);
};

describe('rate-limit keys', () => {
  test('When a sign-in carries an 8 KB random email, then it answers 422 and nothing is counted', async () => {
    const address = uniqueClientAddress();
    const email = randomBytes(6144).toString('base64');

    const res = await app.request
      .post('/api/v1/users/login')
      .set(fromAddress(address))
      .send({ user: { email, password: 'whatever-password' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { email: ['is too long (maximum is 254 characters)'] } });
    expect(await keysFor(address)).toEqual([]);
  });

  test('When a sign-in fails, then it is counted under the address and a hash of the email, never the email', async () => {
    const user = await userFactory.create(app);
    const address = uniqueClientAddress();

    const res = await app.request
      .post('/api/v1/users/login')
      .set(fromAddress(address))
      .send({ user: { email: user.email, password: 'not the password' } });

    expect(res.status).toBe(401);
    const keys = await keysFor(address);
    expect(keys).toHaveLength(2);
    // SHA-256 of the normalised email, base64url: 43 characters whatever the email.
    expect(keys[0]).toMatch(new RegExp(`^login-account:${address.replace(/\./g, '\\.')}\\|[A-Za-z0-9_-]{43}$`));
    expect(keys[1]).toBe(`login-address:${address}`);
    expect(keys.join(' ')).not.toContain(user.email.split('@')[0]);
  });
});
