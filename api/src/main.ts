// Starts the API: configuration, migrations, pool, HTTP server; stops it gracefully.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { isDatabaseUnavailable } from './db/errors.js';
import { runMigrations } from './db/migrate.js';
import { createNotifications } from './db/notifications.js';
import { createPool } from './db/pool.js';
import { answerClientErrors } from './http/client-errors.js';
import { createLogger } from './logger.js';
import { publishDefaultAvatar } from './modules/users/default-avatar.js';
import { createObjectStore } from './storage/s3.js';

// How long in-flight requests may take to finish after a stop signal.
const SHUTDOWN_GRACE_MS = 10_000;
// A database that is still starting (containers, failover) gets this long before we give up.
const MIGRATION_RETRY_MS = 30_000;

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
if (config.jwtSecretEphemeral) {
  logger.warn(
    'JWT_SECRET is not set: tokens are signed with a random key of this process, ' +
      'so they will not survive a restart nor work on another replica',
  );
}
await migrateWithRetry(config.database.url);

const db = createPool({ url: config.database.url, max: config.database.poolMax, announcesReads: true }, logger);
const notifications = createNotifications(config.database.url, logger);
const objectStore = createObjectStore(config.storage);
if (config.defaultAvatarInBucket) void publishDefaultAvatar(objectStore, logger);

const app = createApp({ config, db, notifications, objectStore, logger });
// Loopback unless HOST says otherwise: only the proxy on this host should reach a replica.
const server: Server = createServer(app).listen(config.port, config.host, () => {
  logger.info({ host: config.host, port: (server.address() as AddressInfo).port }, 'listening');
});
// Longer than a proxy's idle timeout (nginx keepalive_timeout 60s), so the proxy closes first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
answerClientErrors(server);

let stopping: Promise<void> | undefined;

/** Stops accepting connections, lets in-flight requests finish, then closes the database connections. */
function shutdown(reason: string, exitCode: number): Promise<void> {
  stopping ??= (async () => {
    // The listener closes first, so by the time the line below is out (log writes are
    // asynchronous) no new connection is accepted.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    // Keep-alive connections become idle as their last request completes: close them then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    await closed;
    clearInterval(sweep);
    clearTimeout(force);
    await notifications.close();
    await db.end().catch((error: unknown) => logger.warn({ err: error }, 'closing the pool failed'));
    logger.info('stopped');
    logger.flush();
    process.exitCode = exitCode;
  })();
  return stopping;
}

process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  void shutdown('uncaughtException', 1);
});
process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled rejection');
  void shutdown('unhandledRejection', 1);
});

async function migrateWithRetry(url: string): Promise<void> {
  const deadline = Date.now() + MIGRATION_RETRY_MS;
  for (;;) {
    try {
      const applied = await runMigrations(url, {
        info: (message) => logger.debug(message),
        warn: (message) => logger.warn(message),
        error: (message) => logger.error(message),
      });
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline) {
        logger.fatal({ err: error }, 'migrations failed');
        logger.flush();
        process.exit(1);
      }
      logger.warn({ err: error }, 'database not reachable yet, retrying');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
