// req.ip, which per-address limits count by, comes from X-Forwarded-For only when the connection
// comes from a configured proxy (TRUST_PROXY, loopback by default).
import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, test } from '@jest/globals';
import { uniqueName } from '../factories/user-factory.js';
import { fromAddress, uniqueClientAddress } from '../helpers/client-address.js';
import { type TestApp, startTestApp } from '../helpers/test-app.js';

/**
 * Signs up from the local address `from` (any 127.x.y.z reaches the loopback listener), claiming
 * to forward for `forwardedFor`; resolves the status.
 */
function signUp(app: TestApp, forwardedFor: string, from: string): Promise<number> {
  const username = uniqueName('proxy');
  const body = JSON.stringify({ user: { username, email: `${username}@example.com`, password: 'secret-password' } });
  const { port } = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method: 'POST',
        path: '/api/v1/users',
        headers: { 'Content-Type': 'application/json', ...fromAddress(forwardedFor) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let next = randomInt(1, 2 ** 24 - 1000);
/** A loopback address of this test's own (127.0.0.0/8 is all loopback), counted apart from others. */
function localAddress(): string {
  next += 1;
  return `127.${(next >> 16) & 0xff || 1}.${(next >> 8) & 0xff}.${next & 0xff}`;
}

async function withApp(env: Record<string, string>, fn: (app: TestApp) => Promise<void>): Promise<void> {
  const app = await startTestApp({ env: { RATE_LIMIT_SIGN_UP: '1/1h', ...env } });
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

describe('the client address behind a proxy', () => {
  test('When the trusted loopback proxy names two clients, then each has its own limit', async () => {
    await withApp({}, async (app) => {
      const proxy = localAddress();

      const statuses = [
        await signUp(app, uniqueClientAddress(), proxy),
        await signUp(app, uniqueClientAddress(), proxy),
      ];

      expect(statuses).toEqual([201, 201]);
    });
  });

  test('When no proxy is trusted, then X-Forwarded-For is ignored and the connection is the client', async () => {
    await withApp({ TRUST_PROXY: 'none' }, async (app) => {
      const client = localAddress();

      const statuses = [
        await signUp(app, uniqueClientAddress(), client),
        await signUp(app, uniqueClientAddress(), client),
      ];

      expect(statuses).toEqual([201, 429]);
    });
  });

  test('When only another network is trusted, then a loopback connection is the client', async () => {
    await withApp({ TRUST_PROXY: '10.0.0.0/8' }, async (app) => {
      const client = localAddress();

      const statuses = [
        await signUp(app, uniqueClientAddress(), client),
        await signUp(app, uniqueClientAddress(), client),
      ];

      expect(statuses).toEqual([201, 429]);
    });
  });
});
