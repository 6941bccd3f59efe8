// The cache of anonymous reads. An anonymous GET's 200 answer is the same bytes for every reader
// until someone writes, so each process keeps those bytes (with their ETag), keyed by the
// request, and answers a repeat in front of Express (app.ts): a hit costs no routing,
// validation, authentication or request log. A miss goes the normal way, and the operation
// adapter fills the cache with the answer of a cacheable operation (fillable()).
//
// It follows the database like the session cache: trusted only while db/notifications.ts hears
// PostgreSQL, and emptied whenever it may have missed something. Every change that could alter
// an anonymous answer is announced on `inkwell_reads`, and every replica drops every entry:
// simple, and writes are rare next to reads. The API announces its own writes just after their
// commit (announce()), through its listening connection, and answers the writer once the
// announcement has come back, so every replica has been told before the client hears that the
// write is done; anyone else's writes are announced by migration 0005's triggers at commit.
//
// One change needs no write: an article scheduled for later (migration 0006) joins the answers
// when its time comes. So the cache also knows the soonest scheduled publication, read again after
// every change and reset, and empties itself when that moment has passed; until it knows, it is
// bypassed.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Notifications } from '../db/notifications.js';
import type { Queryable } from '../db/pool.js';
import type { OperationId } from './operation.js';
import { requestIdOf } from './request-id.js';
import { setSecurityHeaders } from './security-headers.js';

/** The channel changes are announced on: by the API after its writes, by migration 0005's triggers. */
export const READS_CHANNEL = 'inkwell_reads';

/**
 * How long a write's answer may wait for its announcement to come back (normally a round trip to
 * the database). Past it the answer goes anyway: a replica whose listener is that late stops
 * trusting its caches within NOTIFICATION_STALENESS_MS.
 */
const SETTLE_TIMEOUT_MS = 1000;
/**
 * Beyond announcements, an answer is read again after this long: what bounds how stale a replica
 * can be when a write's announcement never went out (its process died between the commit and
 * the announcement), as the session cache's second line of defence does.
 */
const MAX_AGE_MS = 60_000;
/** The part of the byte budget one answer may take: a few huge answers must not evict the rest. */
const MAX_ENTRY_SHARE = 16;
/** What an entry costs beyond its body and key (the Map slot, the objects, the ETag). */
const ENTRY_OVERHEAD_BYTES = 200;
const BASE = '/api/v1/';
const JSON_TYPE = 'application/json; charset=utf-8';
const ANNOUNCE = "select pg_notify($1, '')";
/** The soonest publication still to come (epoch ms), or null; an index scan on publishing time. */
const NEXT_PUBLICATION = `
  select (extract(epoch from min(published_at)) * 1000)::float8 as at
  from articles where status = 'published' and published_at > now()`;

/** The operations whose anonymous 200 answers are cached; a search is not (and is rate-limited). */
const CACHED: Partial<Record<OperationId, (query: Record<string, unknown>) => boolean>> = {
  listArticles: (query) => query.q === undefined,
  getArticle: () => true,
  listArticleComments: () => true,
  getProfile: () => true,
  listTags: () => true,
};

/**
 * Writes that change no anonymous answer, and are not announced: signing up (a new user is in no
 * answer until they write), signing in and out, uploading an image (an article or a profile
 * that uses it is an announced write), following (anonymous readers see `following` false).
 * Every other successful write is announced, so a new operation is covered without anyone
 * remembering to list it.
 */
const UNANNOUNCED: ReadonlySet<OperationId> = new Set<OperationId>([
  'createUser',
  'loginUser',
  'logoutUser',
  'createAsset',
  'followProfile',
  'unfollowProfile',
]);

/** True when a successful write of this operation may have changed an anonymous answer. */
export function announces(operationId: OperationId): boolean {
  return !UNANNOUNCED.has(operationId);
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set on an anonymous GET the cache did not have: where its answer may go. */
    readCacheMiss?: ReadCacheMiss;
  }
}

/** An anonymous GET the cache did not have. */
export interface ReadCacheMiss {
  readonly key: string;
  /** The cache's generation when the request came: an answer read before a change is not kept. */
  readonly generation: number;
}

/** A cached answer. */
interface Entry {
  /** The operation that gave it, so a hit is counted under it. */
  readonly operationId: OperationId;
  readonly body: Buffer;
  readonly etag: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly cost: number;
  readonly storedAt: number;
}

/** What the cache has done since it was made, and what it holds now. */
export interface ReadCacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Times it was emptied for a change: one announced, or a scheduled article that came out. */
  readonly invalidations: number;
  /** Times it was emptied because its listener may have missed announcements (it failed or reconnected). */
  readonly resets: number;
  readonly entries: number;
  readonly bytes: number;
}

export interface ReadCache {
  /**
   * Answers an anonymous GET from the cache and returns the operation whose answer it sent, or
   * returns undefined (and marks a miss for the adapter) to let the request go the normal way.
   */
  serve(req: IncomingMessage, res: ServerResponse): OperationId | undefined;
  /** True when the operation's 200 answer to this request is to be kept. */
  fillable(miss: ReadCacheMiss | undefined, operationId: OperationId, query: Record<string, unknown>): boolean;
  /**
   * Keeps the operation's 200 answer `body` to a miss, unless a change came meanwhile; returns its
   * ETag. The adapter sends the answer itself, the same way as every other (validated in tests).
   */
  fill(miss: ReadCacheMiss, operationId: OperationId, body: Buffer, headers: Readonly<Record<string, string>>): string;
  /** Resolves once every replica has been told of the writes this process committed so far (bounded). */
  settle(): Promise<void>;
  /** Tells every replica that a write committed just now may have changed anonymous answers, then settles. */
  announce(): Promise<void>;
  /** Read when metrics are scraped: plain counts, so a hit costs no more than an increment. */
  stats(): ReadCacheStats;
}

export interface ReadCacheOptions {
  maxEntries: number;
  maxBytes: number;
  /** With CORS on, a request with an Origin goes the normal way, which answers it with CORS headers. */
  cors: boolean;
}

/** Creates the process's cache of anonymous reads over its notification listener. */
export function createReadCache(notifications: Notifications, db: Queryable, options: ReadCacheOptions): ReadCache {
  const enabled = options.maxEntries > 0;
  const maxEntryBytes = Math.floor(options.maxBytes / MAX_ENTRY_SHARE);
  // Least recently used first (a Map keeps insertion order; a hit moves its entry to the end).
  const entries = new Map<string, Entry>();
  let bytes = 0;
  // Bumped by every change heard and every reset: an answer read before one is not kept.
  let generation = 0;
  // The soonest scheduled publication (epoch ms, null for none), once read for this generation.
  let nextPublication: number | null = null;
  let scheduleKnown = false;
  const counts = { hits: 0, misses: 0, invalidations: 0, resets: 0 };

  /** Reads the soonest scheduled publication; a change heard meanwhile makes the answer moot. */
  const readSchedule = (): void => {
    scheduleKnown = false;
    const asked = generation;
    db.query<{ at: number | null }>(NEXT_PUBLICATION).then(
      ({ rows }) => {
        if (asked !== generation) return;
        nextPublication = rows[0]?.at ?? null;
        scheduleKnown = true;
      },
      // Unknown, the cache stays bypassed until the next change or reset reads it again.
      () => undefined,
    );
  };
  const clear = (): void => {
    generation += 1;
    entries.clear();
    bytes = 0;
    readSchedule();
  };
  const invalidate = (): void => {
    counts.invalidations += 1;
    clear();
  };
  if (enabled) {
    notifications.subscribe(READS_CHANNEL, {
      message: invalidate,
      reset: () => {
        counts.resets += 1;
        clear();
      },
    });
    readSchedule();
  }

  const remember = (key: string, entry: Entry): void => {
    const old = entries.get(key);
    if (old) {
      entries.delete(key);
      bytes -= old.cost;
    }
    entries.set(key, entry);
    bytes += entry.cost;
    while (entries.size > options.maxEntries || bytes > options.maxBytes) {
      const [oldestKey, oldest] = entries.entries().next().value!;
      entries.delete(oldestKey);
      bytes -= oldest.cost;
    }
  };

  return {
    serve(req, res) {
      if (!enabled || req.method !== 'GET' || req.headers.authorization !== undefined) return undefined;
      if (options.cors && req.headers.origin !== undefined) return undefined;
      const key = keyOf(req.url ?? '');
      if (key === null || !notifications.isLive() || !scheduleKnown) return undefined;
      if (nextPublication !== null && Date.now() >= nextPublication) {
        // A scheduled article is out now: every answer may lack it.
        invalidate();
        return undefined;
      }
      const entry = entries.get(key);
      if (entry === undefined || Date.now() - entry.storedAt >= MAX_AGE_MS) {
        counts.misses += 1;
        (req as IncomingMessage & { readCacheMiss?: ReadCacheMiss }).readCacheMiss = { key, generation };
        return undefined;
      }
      counts.hits += 1;
      entries.delete(key);
      entries.set(key, entry);
      send(req, res, entry);
      return entry.operationId;
    },

    fillable(miss, operationId, query) {
      return miss !== undefined && (CACHED[operationId]?.(query) ?? false);
    },

    fill(miss, operationId, body, headers) {
      const etag = etagOf(body);
      // A change heard since the request came may not be in this answer; a listener that went
      // quiet may have missed one.
      if (miss.generation === generation && body.length <= maxEntryBytes && notifications.isLive()) {
        const cost = body.length + miss.key.length * 2 + ENTRY_OVERHEAD_BYTES;
        remember(miss.key, { operationId, body, etag, headers, cost, storedAt: Date.now() });
      }
      return etag;
    },

    async settle() {
      await notifications.caughtUp(SETTLE_TIMEOUT_MS);
    },

    async announce() {
      if (await notifications.caughtUp(SETTLE_TIMEOUT_MS, READS_CHANNEL)) return;
      // Not listening, or too slow: the announcement may never have gone out, so it goes again
      // through the pool. Twice is harmless; never would leave other replicas stale.
      await db.query(ANNOUNCE, [READS_CHANNEL]);
    },

    stats() {
      return { ...counts, entries: entries.size, bytes };
    },
  };
}

/**
 * The request's key: its path and query as sent, the query's parameters sorted (clients name
 * them in any order). Null outside the API. Nothing is decoded: two spellings of one request
 * are two entries with the same answer, never one entry for two answers.
 */
function keyOf(url: string): string | null {
  if (!url.startsWith(BASE)) return null;
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const pairs = url.slice(mark + 1).split('&');
  if (pairs.length === 1) return url;
  return `${url.slice(0, mark)}?${pairs.sort().join('&')}`;
}

/** The ETag of an answer: the same bytes have the same one on every replica. */
function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Sends a cached answer, or 304 when the client holds it already. */
function send(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
  setSecurityHeaders(res);
  res.setHeader('X-Request-Id', requestIdOf(req));
  for (const name in entry.headers) res.setHeader(name, entry.headers[name]!);
  res.setHeader('ETag', entry.etag);
  if (clientHolds(req, entry.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', entry.body.length);
  res.end(entry.body);
}

/** The request's If-None-Match names the ETag (weak comparison, as RFC 9110 has it) or is `*`. */
export function clientHolds(req: IncomingMessage, etag: string): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch === etag || ifNoneMatch === '*') return true;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === etag || trimmed === `W/${etag}`;
  });
}
