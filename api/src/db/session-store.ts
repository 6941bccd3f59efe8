// Sign-in sessions: the rows (migration 0004) and the cache every process keeps of the ones it
// has checked, so an authenticated request costs no database round trip once its session is
// known. The cache is trusted only while database notifications are live (db/notifications.ts):
// a revocation anywhere reaches every replica's cache through the `sessions_notify` trigger.
import { type Queryable, query, queryOne, sql } from './pool.js';
import type { Notifications } from './notifications.js';

/** The channel the `sessions_notify` trigger announces ended sessions on (payload: the id). */
export const SESSIONS_CHANNEL = 'inkwell_sessions';

/** A live session. */
export interface Session {
  readonly id: string;
  readonly userId: number;
  /** Milliseconds since the epoch; the session's absolute end. */
  readonly expiresAt: number;
}

export interface SessionStore {
  /** Starts a session for the user that ends `ttlSeconds` from now. */
  create(db: Queryable, userId: number, ttlSeconds: number): Promise<Session>;
  /** The session if it is live (not revoked, not expired), else null; cached. */
  find(id: string): Promise<Session | null>;
  /** Revokes a live session; false when it was not live. */
  revoke(db: Queryable, id: string): Promise<boolean>;
  /** Revokes every live session of the user but `keepId`; answers the ids it revoked. */
  revokeOthers(db: Queryable, userId: number, keepId: string): Promise<string[]>;
  /**
   * Drops sessions from this process's cache. The functions above do it themselves; inside a
   * transaction, call it again after the commit (a request in between may have cached them).
   */
  forget(ids: Iterable<string>): void;
}

interface SessionRow {
  id: string;
  userId: number;
  expiresAt: string;
}

const RETURNING = 'returning id, user_id as "userId", expires_at as "expiresAt"';
const INSERT = sql(
  'sessions.insert',
  `insert into sessions (user_id, expires_at) values ($1, now() + make_interval(secs => $2)) ${RETURNING}`,
);
const FIND_LIVE = sql(
  'sessions.find-live',
  `select id, user_id as "userId", expires_at as "expiresAt"
     from sessions
    where id = $1 and revoked_at is null and expires_at > now()`,
);
const REVOKE = sql(
  'sessions.revoke',
  `update sessions set revoked_at = now() where id = $1 and revoked_at is null and expires_at > now() returning id`,
);
const REVOKE_OTHERS = sql(
  'sessions.revoke-others',
  `update sessions set revoked_at = now()
    where user_id = $1 and revoked_at is null and expires_at > now() and id <> $2
   returning id`,
);
// Ended sessions are kept a day (a 401 can still be explained from them), then deleted in batches.
const SWEEP = sql(
  'sessions.sweep',
  `delete from sessions
    where id in (select id from sessions where least(expires_at, revoked_at) < now() - interval '1 day' limit 1000)`,
);
// Whoever starts sessions sweeps now and then; no timer.
const SWEEP_EVERY = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CACHE_LIMIT = 10_000;
// Beyond notifications, an entry is checked again after this long: a second line of defence,
// and what keeps an idle entry from outliving a change nobody announced (a manual edit).
const CACHE_MAX_AGE_MS = 60_000;

interface CacheEntry {
  /** null: the session is not live, and sessions never come back to life. */
  session: Session | null;
  checkedAt: number;
}

/**
 * Creates the store over `pool`. Without `notifications` nothing live is cached (every check
 * reads the row), which is also what happens whenever notifications are down.
 */
export function createSessionStore(pool: Queryable, notifications: Notifications | null): SessionStore {
  // Most recently used last (Map keeps insertion order).
  const cache = new Map<string, CacheEntry>();
  const pending = new Map<string, Promise<Session | null>>();
  // Bumped by every invalidation: a lookup that started before one does not fill the cache.
  let generation = 0;
  let created = 0;

  const trusted = (): boolean => notifications?.isLive() ?? false;

  const forget = (ids: Iterable<string>): void => {
    generation += 1;
    for (const id of ids) {
      cache.delete(id);
      pending.delete(id);
    }
  };

  notifications?.subscribe(SESSIONS_CHANNEL, {
    message: (id) => forget([id]),
    reset: () => {
      generation += 1;
      cache.clear();
      pending.clear();
    },
  });

  const remember = (id: string, session: Session | null): void => {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(id, { session, checkedAt: Date.now() });
  };

  const load = (id: string): Promise<Session | null> => {
    const started = generation;
    const lookup = queryOne<SessionRow>(pool, FIND_LIVE, [id])
      .then((row) => {
        const session = row ? toSession(row) : null;
        // A dead session stays dead, so that answer is always safe to keep.
        if (started === generation && (session === null || trusted())) remember(id, session);
        return session;
      })
      .finally(() => {
        if (pending.get(id) === lookup) pending.delete(id);
      });
    pending.set(id, lookup);
    return lookup;
  };

  return {
    async create(db, userId, ttlSeconds) {
      created += 1;
      if (created % SWEEP_EVERY === 0) void query(pool, SWEEP).catch(() => undefined);
      const row = await queryOne<SessionRow>(db, INSERT, [userId, ttlSeconds]);
      return toSession(row!);
    },

    find(id) {
      if (!UUID.test(id)) return Promise.resolve(null);
      const now = Date.now();
      const entry = cache.get(id);
      if (entry && now - entry.checkedAt < CACHE_MAX_AGE_MS) {
        if (entry.session === null) return Promise.resolve(null);
        if (entry.session.expiresAt <= now) {
          cache.delete(id);
          return Promise.resolve(null);
        }
        if (trusted()) {
          cache.delete(id);
          cache.set(id, entry);
          return Promise.resolve(entry.session);
        }
      }
      return pending.get(id) ?? load(id);
    },

    async revoke(db, id) {
      const rows = await query<{ id: string }>(db, REVOKE, [id]);
      forget([id]);
      return rows.length > 0;
    },

    async revokeOthers(db, userId, keepId) {
      const rows = await query<{ id: string }>(db, REVOKE_OTHERS, [userId, keepId]);
      const ids = rows.map((row) => row.id);
      forget(ids);
      return ids;
    },

    forget,
  };
}

function toSession(row: SessionRow): Session {
  return Object.freeze({ id: row.id, userId: row.userId, expiresAt: Date.parse(row.expiresAt) });
}
