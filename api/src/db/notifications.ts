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

/** One listening connection per process, shared by every cache. */
export interface Notifications {
  /** Listens on `channel` from now on (the connection starts with the first subscriber). */
  subscribe(channel: string, subscriber: NotificationSubscriber): void;
  /** True while every notification sent before the last heartbeat is known to have arrived. */
  isLive(): boolean;
  /**
   * Resolves true once every notification committed before the call has reached this process:
   * a marker sent now through the listening connection has come back, and PostgreSQL delivers
   * notifications in commit order. Resolves false when not listening, or after `timeoutMs`.
   */
  caughtUp(timeoutMs: number): Promise<boolean>;
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
  let heartbeat: { nonce: string; sentAt: number } | null = null;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let sequence = 0;
  let closed = false;
  /** Markers sent by caughtUp() on the heartbeat channel, by payload, with what to resolve. */
  const markers = new Map<string, (arrived: boolean) => void>();

  const settleMarkers = (arrived: boolean): void => {
    for (const settle of markers.values()) settle(arrived);
    markers.clear();
  };

  const resetAll = (): void => {
    for (const list of subscribers.values()) for (const subscriber of list) subscriber.reset();
  };

  const onNotification = (from: pg.Client, notification: pg.Notification): void => {
    if (from !== client) return;
    const payload = notification.payload ?? '';
    if (notification.channel === heartbeatChannel) {
      const marker = markers.get(payload);
      if (marker) {
        markers.delete(payload);
        marker(true);
        return;
      }
      if (heartbeat?.nonce === payload) {
        confirmedAt = heartbeat.sentAt;
        heartbeat = null;
        clearTimeout(timeoutTimer);
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
    heartbeat = null;
    clearInterval(heartbeatTimer);
    clearTimeout(timeoutTimer);
    // Whatever it still says is no longer listened to; a dead socket must not hold up the process.
    from.removeAllListeners('notification');
    from.end().catch(() => undefined);
    resetAll();
    settleMarkers(false);
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
    heartbeat = { nonce: String(sequence), sentAt: Date.now() };
    timeoutTimer = setTimeout(() => lost(from, new Error('heartbeat timed out')), timeoutMs);
    timeoutTimer.unref();
    from
      .query('select pg_notify($1, $2)', [heartbeatChannel, heartbeat.nonce])
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

    caughtUp(timeoutMs) {
      const from = client;
      if (!from || !ready) return Promise.resolve(false);
      sequence += 1;
      // Its own prefix, so a marker is never taken for a heartbeat.
      const nonce = `m${sequence}`;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          markers.delete(nonce);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        markers.set(nonce, (arrived) => {
          clearTimeout(timer);
          resolve(arrived);
        });
        from.query('select pg_notify($1, $2)', [heartbeatChannel, nonce]).catch(() => {
          markers.get(nonce)?.(false);
          markers.delete(nonce);
        });
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
      resetAll();
      settleMarkers(false);
      if (current) {
        current.removeAllListeners('notification');
        const ended = current.end().catch(() => undefined);
        // A connection whose server vanished may never answer the goodbye.
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      }
    },
  };
}
