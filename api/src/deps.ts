// What the app is built from and what its operations get. Types only, below every layer: http/
// types handlers with them, services may name them, and nothing here imports a module or http/.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import type { Notifications } from './db/notifications.js';
import type { ObjectStore } from './storage/s3.js';
import type { TokenService } from './tokens.js';
import type { WorkQueue } from './work-queue.js';

/** What the app needs from the outside world; created by main.ts (or a test). */
export interface AppDeps {
  readonly config: Config;
  readonly db: pg.Pool;
  /** The database's LISTEN connection, which keeps in-process caches in step across replicas. */
  readonly notifications: Notifications;
  readonly objectStore: ObjectStore;
  readonly logger: Logger;
  /** Where the app registers its metrics (main.ts serves them); without it they go unread. */
  readonly metrics?: Registry;
  /** Where the process is in its life; without it (tests) the app counts as running. */
  readonly lifecycle?: Lifecycle;
}

/** Set by main.ts: once a replica is asked to stop, its readiness fails while it drains. */
export interface Lifecycle {
  readonly draining: boolean;
}

/** Counts one upload attempt by a user in a window every replica shares. */
export interface UploadRateLimiter {
  /** Counts one upload attempt by `ownerId`; says whether it is over the limit. */
  hit(ownerId: number): Promise<{ limited: boolean; retryAfterSeconds: number }>;
}

/** What handlers get: the app's dependencies and what createApp builds once per app. */
export interface HandlerDeps extends AppDeps {
  readonly tokens: TokenService;
  /** Bounds how many uploaded images are decoded at once (memory and CPU). */
  readonly imageProcessing: WorkQueue;
  readonly uploadRateLimiter: UploadRateLimiter;
  /** Bounds how many searches hold a database connection at once. */
  readonly searches: WorkQueue;
}
