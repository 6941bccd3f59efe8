// PostgreSQL LISTEN/NOTIFY for the caches each process keeps: one connection per process
// listens on the channels its caches name, so a change made on any replica reaches every
// replica's cache. A cache may trust itself only while `isLive()`: the connection is up and a
// heartbeat sent through it has come back lately. Whenever notifications may have been missed
// (the connection failed, went quiet, or was made anew) every subscriber is told to reset.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { createListenerClient } from './pool.js';

/** What a cache does with the notifications of its channel. */
export interface NotificationSubscriber {
  /** A notification on the channel, with its payload. */
  message(payload: string): void;
  /** Notifications may have been missed: forget everything they could have invalidated. */
  reset(): void;
}

/** What a caller of caughtUp() is told: whether every notification before its call arrived. */
type Waiter = (arrived: boolean) => void;

/** One listening connection per process, shared by every cache. */
export interface Notifications {
  /** Listens on `channel` from now on (the connection starts with the first subscriber). */
  subscribe(channel: string, subscriber: NotificationSubscriber): void;
  /** True while every notification sent before the last heartbeat is known to have arrived. */
  isLive(): boolean;
  /**
   * Resolves true once every notification committed before the call has reached this process:
   * a heartbeat sent after the call has come back, and PostgreSQL delivers notifications in
   * commit order. Resolves false when not listening, or after `timeoutMs`. Callers share
   * heartbeats: one is in flight at a time, and whoever asks meanwhile waits for the next.
   * `announce`: a channel notified (empty payload) by that heartbeat's own statement, so this
   * process hears it back only once every listener has been sent it.
   */
  caughtUp(timeoutMs: number, announce?: string): Promise<boolean>;
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

export interface NotificationsOptions {
  /** How often a heartbeat goes round the connection. */
  heartbeatMs?: number;
  /** How long a heartbeat may take before the connection counts as lost. */
  timeoutMs?: number;
  /** Names the connection in pg_stat_activity. */
  applicationName?: string;
}

/**
 * A replica that hears nothing trusts its cache for at most this long after its last heartbeat
 * (heartbeat interval plus timeout): the bound on how late a revocation can take effect there.
 */
export const NOTIFICATION_STALENESS_MS = 4000;
const HEARTBEAT_MS = 2000;
const TIMEOUT_MS = NOTIFICATION_STALENESS_MS - HEARTBEAT_MS;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;

/** Creates the process's notification listener for the database at `url`. */
export function createNotifications(url: string, logger: Logger, options: NotificationsOptions = {}): Notifications {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const applicationName = options.applicationName ?? 'inkwell-api-listen';
  // A channel of this process alone, so no replica hears another's heartbeats.
  const heartbeatChannel = `inkwell_heartbeat_${randomBytes(8).toString('hex')}`;
  const subscribers = new Map<string, NotificationSubscriber[]>();

  let client: pg.Client | null = null;
  let ready = false;
  /** When the last heartbeat that came back was sent. */
  let confirmedAt = 0;
  /** The heartbeat in flight, with the callers of caughtUp() it answers. */
  let heartbeat: { nonce: string; sentAt: number; waiters: Waiter[] } | null = null;
  /** Callers of caughtUp() since the heartbeat in flight was sent: the next one answers them. */
  let waiting: Waiter[] = [];
  /** Channels the next heartbeat announces, for those callers. */
  let announcing = new Set<string>();
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let sequence = 0;
  let closed = false;

  /** Tells every caller of caughtUp() still waiting that it will not hear (connection lost). */
  const giveUp = (): void => {
    for (const waiter of [...(heartbeat?.waiters ?? []), ...waiting]) waiter(false);
    waiting = [];
    announcing = new Set();
  };

  const resetAll = (): void => {
    for (const list of subscribers.values()) for (const subscriber of list) subscriber.reset();
  };

  const onNotification = (from: pg.Client, notification: pg.Notification): void => {
    if (from !== client) return;
    const payload = notification.payload ?? '';
    if (notification.channel === heartbeatChannel) {
      if (heartbeat?.nonce === payload) {
        confirmedAt = heartbeat.sentAt;
        const answered = heartbeat.waiters;
        heartbeat = null;
        clearTimeout(timeoutTimer);
        for (const waiter of answered) waiter(true);
        if (waiting.length > 0) beat(from);
      }
      return;
    }
    for (const subscriber of subscribers.get(notification.channel) ?? []) subscriber.message(payload);
  };

  /** Drops the connection `from` (if still current), resets every cache, and connects anew. */
  const lost = (from: pg.Client, error: unknown, expected = false): void => {
    if (from !== client) return;
    client = null;
    const wasReady = ready;
    ready = false;
    confirmedAt = 0;
    giveUp();
    heartbeat = null;
    clearInterval(heartbeatTimer);
    clearTimeout(timeoutTimer);
    // Whatever it still says is no longer listened to; a dead socket must not hold up the process.
    from.removeAllListeners('notification');
    from.end().catch(() => undefined);
    resetAll();
    if (!expected) {
      failures += 1;
      if (wasReady || failures === 1) logger.warn({ err: error }, 'database notifications lost, caches off until back');
    }
    if (closed) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(Math.max(failures - 1, 0), 10));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const beat = (from: pg.Client): void => {
    if (from !== client || heartbeat) return;
    sequence += 1;
    heartbeat = { nonce: String(sequence), sentAt: Date.now(), waiters: waiting };
    const channels = [...announcing];
    waiting = [];
    announcing = new Set();
    timeoutTimer = setTimeout(() => lost(from, new Error('heartbeat timed out')), timeoutMs);
    timeoutTimer.unref();
    // One statement: the announcements and the heartbeat are delivered together, in this order.
    const announced = channels.map((_, i) => `pg_notify($${i + 3}, ''), `).join('');
    from
      .query(`select ${announced}pg_notify($1, $2)`, [heartbeatChannel, heartbeat.nonce, ...channels])
      .catch((error: unknown) => lost(from, error));
  };

  async function connect(): Promise<void> {
    if (closed || client) return;
    const next = createListenerClient(url, applicationName);
    client = next;
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('connection ended')));
    next.on('notification', (notification) => onNotification(next, notification));
    try {
      await next.connect();
      for (const channel of [heartbeatChannel, ...subscribers.keys()]) {
        await next.query(`listen ${next.escapeIdentifier(channel)}`);
      }
      if (client !== next) return;
      // From here on every change is heard; what was cached before may have missed some.
      ready = true;
      if (failures > 0) logger.info('database notifications back');
      failures = 0;
      resetAll();
      beat(next);
      heartbeatTimer = setInterval(() => beat(next), heartbeatMs);
      heartbeatTimer.unref();
    } catch (error) {
      lost(next, error);
    }
  }

  return {
    subscribe(channel, subscriber) {
      const list = subscribers.get(channel);
      if (list) {
        list.push(subscriber);
        return;
      }
      subscribers.set(channel, [subscriber]);
      // A new channel is listened to on a fresh connection, so none is half covered.
      if (client) lost(client, new Error(`listening on ${channel}`), true);
      else if (!retryTimer) void connect();
    },

    isLive() {
      return ready && confirmedAt > 0 && Date.now() - confirmedAt <= heartbeatMs + timeoutMs;
    },

    caughtUp(timeoutMs, announce) {
      const from = client;
      if (!from || !ready) return Promise.resolve(false);
      if (announce !== undefined) announcing.add(announce);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        waiting.push((arrived) => {
          clearTimeout(timer);
          resolve(arrived);
        });
        // With one in flight, the next goes as soon as it is back (it may predate the caller's commit).
        if (!heartbeat) beat(from);
      });
    },

    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeatTimer);
      clearTimeout(timeoutTimer);
      const current = client;
      client = null;
      ready = false;
      giveUp();
      heartbeat = null;
      resetAll();
      if (current) {
        current.removeAllListeners('notification');
        const ended = current.end().catch(() => undefined);
        // A connection whose server vanished may never answer the goodbye.
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      }
    },
  };
}
