import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { type Notifications, createNotifications } from '../../src/db/notifications.js';
import { type Queryable, createPool } from '../../src/db/pool.js';
import { type SessionStore, createSessionStore } from '../../src/db/session-store.js';
import { createLogger } from '../../src/logger.js';
import { hashPassword } from '../../src/modules/users/password.js';
import { insertUser } from '../../src/modules/users/user-repository.js';
import { uniqueName } from '../factories/user-factory.js';
import { TEST_ENV, testEnv } from '../helpers/test-env.js';
import { waitUntil } from '../helpers/wait.js';

const logger = createLogger('silent');
const DAY = 86_400;
let pool: pg.Pool;
let notifications: Notifications;
let store: SessionStore;
/** Statements the store ran through `counted` (session lookups; writes go through `pool`). */
let lookups = 0;

beforeAll(async () => {
  pool = createPool({ url: testEnv(TEST_ENV.databaseUrl), max: 3 }, logger);
  notifications = createNotifications(testEnv(TEST_ENV.databaseUrl), logger);
  const counted: Queryable = {
    query: ((...args: Parameters<pg.Pool['query']>) => {
      lookups += 1;
      return pool.query(...args);
    }) as pg.Pool['query'],
  };
  store = createSessionStore(counted, notifications);
  await waitUntil(() => notifications.isLive());
});
afterAll(async () => {
  await notifications.close();
  await pool.end();
});

async function newUser(): Promise<number> {
  const username = uniqueName('sess');
  const row = await insertUser(pool, {
    username,
    email: `${username}@example.com`,
    passwordHash: await hashPassword('irrelevant-here'),
  });
  return row.id;
}

describe('the session store', () => {
  test('When a live session is checked again and again, then the database is asked once', async () => {
    const session = await store.create(pool, await newUser(), 30 * DAY);
    const before = lookups;

    const found = await Promise.all([store.find(session.id), store.find(session.id)]);
    for (let i = 0; i < 20; i += 1) await store.find(session.id);

    expect(found).toEqual([session, session]);
    expect(lookups - before).toBe(1);
  });

  test('When a session is created, then it ends its lifetime from now, to the second', async () => {
    const session = await store.create(pool, await newUser(), 2 * DAY);

    expect(Math.abs(session.expiresAt - (Date.now() + 2 * DAY * 1000))).toBeLessThan(5000);
  });

  test('When a cached session is revoked through another store (another replica), then this one refuses it promptly', async () => {
    const session = await store.create(pool, await newUser(), 30 * DAY);
    await store.find(session.id);
    const otherReplica = createSessionStore(pool, null);

    await otherReplica.revoke(pool, session.id);

    await waitUntil(async () => (await store.find(session.id)) === null, 1000);
  });

  test('When a cached session is changed by hand in the database, then the trigger tells every cache', async () => {
    const session = await store.create(pool, await newUser(), 30 * DAY);
    await store.find(session.id);

    await pool.query(
      `update sessions set created_at = now() - interval '1 day', expires_at = now() - interval '1 second' where id = $1`,
      [session.id],
    );

    await waitUntil(async () => (await store.find(session.id)) === null, 1000);
  });

  test('When the user is deleted, then their cached sessions end with them', async () => {
    const userId = await newUser();
    const session = await store.create(pool, userId, 30 * DAY);
    await store.find(session.id);

    await pool.query('delete from users where id = $1', [userId]);

    await waitUntil(async () => (await store.find(session.id)) === null, 1000);
  });

  test('When the other sessions of a user are revoked, then only the kept one stays live', async () => {
    const userId = await newUser();
    const [a, b, keep] = await Promise.all([1, 2, 3].map(() => store.create(pool, userId, 30 * DAY)));
    await Promise.all([a, b, keep].map((s) => store.find(s!.id)));

    const revoked = await store.revokeOthers(pool, userId, keep!.id);

    expect(revoked.sort()).toEqual([a!.id, b!.id].sort());
    expect(await store.find(a!.id)).toBeNull();
    expect(await store.find(b!.id)).toBeNull();
    expect(await store.find(keep!.id)).toEqual(keep);
  });

  test('When notifications are not live, then nothing live is served from the cache', async () => {
    const session = await store.create(pool, await newUser(), 30 * DAY);
    const uncached = createSessionStore(pool, null);
    let queries = 0;
    const counting = createSessionStore(
      {
        query: ((...args: Parameters<pg.Pool['query']>) => {
          queries += 1;
          return pool.query(...args);
        }) as pg.Pool['query'],
      },
      { subscribe: () => undefined, isLive: () => false, caughtUp: async () => false, close: async () => undefined },
    );

    for (let i = 0; i < 3; i += 1) {
      expect(await counting.find(session.id)).toEqual(session);
      expect(await uncached.find(session.id)).toEqual(session);
    }
    expect(queries).toBe(3);
  });

  test('When an id is not a session id at all, then it is refused without asking the database', async () => {
    const before = lookups;

    expect(await store.find('not-a-uuid')).toBeNull();
    expect(lookups).toBe(before);
  });
});
