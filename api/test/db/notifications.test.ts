import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { type Notifications, createNotifications } from '../../src/db/notifications.js';
import { createLogger } from '../../src/logger.js';
import { startRelay } from '../helpers/relay.js';
import { TEST_ENV, testEnv } from '../helpers/test-env.js';
import { waitUntil } from '../helpers/wait.js';

const logger = createLogger('silent');
let admin: pg.Client;
let listener: Notifications | undefined;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: testEnv(TEST_ENV.databaseUrl) });
  await admin.connect();
});
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});
afterAll(async () => {
  await admin.end();
});

/** A subscriber that records what it is told. */
function recorder() {
  const seen = { messages: [] as string[], resets: 0 };
  return {
    seen,
    subscriber: { message: (payload: string) => seen.messages.push(payload), reset: () => seen.resets++ },
  };
}

describe('database notifications', () => {
  test('When a notification is sent on a subscribed channel, then the subscriber gets its payload', async () => {
    listener = createNotifications(testEnv(TEST_ENV.databaseUrl), logger);
    const { seen, subscriber } = recorder();
    listener.subscribe('inkwell_test_a', subscriber);
    await waitUntil(() => listener!.isLive());

    await admin.query(`select pg_notify('inkwell_test_a', 'hello')`);

    await waitUntil(() => seen.messages.length > 0);
    expect(seen.messages).toEqual(['hello']);
  });

  test('When caughtUp resolves true, then every notification committed before the call has arrived', async () => {
    listener = createNotifications(testEnv(TEST_ENV.databaseUrl), logger);
    const { seen, subscriber } = recorder();
    listener.subscribe('inkwell_test_caught_up', subscriber);
    await waitUntil(() => listener!.isLive());
    const sent = Array.from({ length: 20 }, (_, i) => String(i));

    for (const payload of sent) await admin.query(`select pg_notify('inkwell_test_caught_up', $1)`, [payload]);
    const caughtUp = await listener.caughtUp(2000);

    expect(caughtUp).toBe(true);
    expect(seen.messages).toEqual(sent);
  });

  test('When many wait at once, interleaved with notifications, then each is answered after what it followed', async () => {
    listener = createNotifications(testEnv(TEST_ENV.databaseUrl), logger);
    const { seen, subscriber } = recorder();
    listener.subscribe('inkwell_test_shared', subscriber);
    await waitUntil(() => listener!.isLive());

    const checks = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await admin.query(`select pg_notify('inkwell_test_shared', $1)`, [String(i)]);
        const arrived = await listener!.caughtUp(2000);
        return arrived && seen.messages.includes(String(i));
      }),
    );

    expect(checks).toEqual(Array.from({ length: 30 }, () => true));
  });

  test('When nothing listens, then caughtUp resolves false at once', async () => {
    listener = createNotifications(testEnv(TEST_ENV.databaseUrl), logger);

    expect(await listener.caughtUp(2000)).toBe(false);
  });

  test('When the listening connection is killed, then subscribers reset at once, and it listens again by itself', async () => {
    const applicationName = `inkwell-test-listen-${process.pid}`;
    listener = createNotifications(testEnv(TEST_ENV.databaseUrl), logger, { applicationName });
    const { seen, subscriber } = recorder();
    listener.subscribe('inkwell_test_b', subscriber);
    await waitUntil(() => listener!.isLive());
    const resetsWhenLive = seen.resets;

    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
      applicationName,
    ]);

    await waitUntil(() => !listener!.isLive());
    expect(seen.resets).toBeGreaterThan(resetsWhenLive);
    await waitUntil(() => listener!.isLive(), 5000);
    const resetsAfter = seen.resets;
    await admin.query(`select pg_notify('inkwell_test_b', 'again')`);
    await waitUntil(() => seen.messages.includes('again'));
    // Back on a new connection, the caches were told to forget what they held meanwhile.
    expect(resetsAfter).toBeGreaterThan(resetsWhenLive + 1);
  });

  test('When the connection goes silent, then it stops counting as live within the staleness bound', async () => {
    const proxy = await startRelay(testEnv(TEST_ENV.databaseUrl));
    try {
      listener = createNotifications(proxy.url, logger, { heartbeatMs: 200, timeoutMs: 200 });
      const { seen, subscriber } = recorder();
      listener.subscribe('inkwell_test_c', subscriber);
      await waitUntil(() => listener!.isLive());
      const resetsWhenLive = seen.resets;

      proxy.freeze();
      const frozenAt = Date.now();

      await waitUntil(() => !listener!.isLive(), 2000);
      expect(Date.now() - frozenAt).toBeLessThanOrEqual(400 + 300);
      await waitUntil(() => seen.resets > resetsWhenLive, 2000);
    } finally {
      await listener?.close();
      listener = undefined;
      await proxy.close();
    }
  });

  test('When nobody subscribes, then no connection is opened', async () => {
    const applicationName = `inkwell-test-idle-${process.pid}`;
    listener = createNotifications(testEnv(TEST_ENV.databaseUrl), logger, { applicationName });

    await new Promise((resolve) => setTimeout(resolve, 100));

    const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where application_name = $1', [
      applicationName,
    ]);
    expect(rows[0].n).toBe(0);
    expect(listener.isLive()).toBe(false);
  });
});
