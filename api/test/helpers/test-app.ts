// The app under test with its real dependencies (PostgreSQL, local S3), listening on a free port.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { afterAll, beforeAll } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Lifecycle } from '../../src/deps.js';
import { type Notifications, createNotifications } from '../../src/db/notifications.js';
import { createPool } from '../../src/db/pool.js';
import { createSessionStore } from '../../src/db/session-store.js';
import { createLogger } from '../../src/logger.js';
import { type ObjectStore, createObjectStore } from '../../src/storage/s3.js';
import { type TokenService, createTokenService } from '../../src/tokens.js';
import { TEST_BUCKET, TEST_ENV, testEnv } from './test-env.js';

export const TEST_JWT_SECRET = 'test-only-secret-that-is-long-enough-0123456789';

export interface TestApp {
  /** supertest bound to the running server: `app.request.get('/api/v1/tags')`. */
  request: ReturnType<typeof supertest>;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  config: Config;
  /** The app's own pool, for factories and for checking state. */
  db: pg.Pool;
  /** The app's own LISTEN connection. */
  notifications: Notifications;
  objectStore: ObjectStore;
  /** Issues tokens as sign-in does (a session per token); checks them without the app's cache. */
  tokens: TokenService;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment variables on top of the test defaults (e.g. limits). */
  env?: Record<string, string>;
  /** Replaces the object store (e.g. one whose endpoint is down). */
  objectStore?: ObjectStore;
  /** Replaces the logger (e.g. one writing to memory, to read what was logged). */
  logger?: Logger;
  /** The process's state as main.ts keeps it (e.g. draining after a stop signal). */
  lifecycle?: Lifecycle;
  /** Where the app registers its metrics, as main.ts's serveMetrics() makes it. */
  metrics?: Registry;
  /** Where the app's LISTEN connection goes instead of the database (e.g. a slow relay). */
  listenUrl?: string;
  /**
   * As main.ts does: the app's connections keep the read-cache triggers quiet, and the API
   * announces its writes itself. Off by default, so that what factories and tests write
   * straight through `db` is announced by the triggers, as any write past the API is.
   */
  announcesReads?: boolean;
}

/** Builds the app exactly as main.ts does, on the run's database and S3 server. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testEnv(TEST_ENV.databaseUrl),
    DATABASE_POOL_MAX: '5',
    JWT_SECRET: TEST_JWT_SECRET,
    S3_ENDPOINT: testEnv(TEST_ENV.s3Endpoint),
    S3_BUCKET: TEST_BUCKET,
    S3_FORCE_PATH_STYLE: 'true',
    S3_REGION: 'us-east-1',
    ASSET_PUBLIC_BASE_URL: testEnv(TEST_ENV.assetBaseUrl),
    // Every test file calls from 127.0.0.1 into the run's one database, so the per-address limits
    // would add up across files: they are raised here, and the rate-limit tests set their own
    // (with a client address of their own through X-Forwarded-For).
    RATE_LIMIT_SIGN_UP: '1000/1h',
    RATE_LIMIT_SEARCH: '1000/1m',
    ...options.env,
  });
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createPool(
    { url: config.database.url, max: config.database.poolMax, announcesReads: options.announcesReads ?? false },
    logger,
  );
  const notifications = createNotifications(options.listenUrl ?? config.database.url, logger);
  const objectStore = options.objectStore ?? createObjectStore(config.storage);
  const app = createApp({
    config,
    db,
    notifications,
    objectStore,
    logger,
    lifecycle: options.lifecycle,
    metrics: options.metrics,
  });
  const server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    request: supertest(server),
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    db,
    notifications,
    objectStore,
    tokens: createTokenService({
      secret: config.jwtSecret,
      sessionTtlSeconds: config.sessionTtlSeconds,
      sessions: createSessionStore(db, null),
    }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await notifications.close();
      await db.end();
    },
  };
}

/** The Authorization header for a token, the way Conduit clients send it. */
export function tokenHeader(token: string): { Authorization: string } {
  return { Authorization: `Token ${token}` };
}

/** Starts one app for the enclosing test file (beforeAll) and closes it afterwards (afterAll). */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await startTestApp(options));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}
