// What the app is built from and what its operations get. Types only, below every layer: http/
// types handlers with them, services may name them, and nothing here imports a module or http/.
import type pg from 'pg';
import type { Logger } from 'pino';
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
