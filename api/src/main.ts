// Starts the API: configuration, migrations, pool, HTTP server; stops it gracefully.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { isDatabaseUnavailable } from './db/errors.js';
import { runMigrations } from './db/migrate.js';
import { createNotifications } from './db/notifications.js';
import { createPool } from './db/pool.js';
import { answerClientErrors } from './http/client-errors.js';
import { createLogger } from './logger.js';
import { serveMetrics } from './metrics.js';
import { publishDefaultAvatar } from './modules/users/default-avatar.js';
import { createObjectStore } from './storage/s3.js';

// How long in-flight requests may take to finish after a stop signal.
const SHUTDOWN_GRACE_MS = 10_000;
// A database that is still starting (containers, failover) gets this long before we give up.
const MIGRATION_RETRY_MS = 30_000;

let config: Config;
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

const lifecycle = { draining: false };
// Only with METRICS_PORT, on a port of its own that nginx does not route.
const metrics = serveMetrics(config.metrics, logger);
const app = createApp({ config, db, notifications, objectStore, logger, lifecycle, metrics: metrics?.registry });
// Loopback unless HOST says otherwise: only the proxy on this host should reach a replica.
// While draining, every answer closes its connection: the proxy then never sends a request on a
// connection this process is about to close, which could fail a write it may not retry.
const server: Server = createServer((request, response) => {
  if (lifecycle.draining) response.shouldKeepAlive = false;
  app(request, response);
}).listen(config.port, config.host, () => {
  logger.info({ host: config.host, port: (server.address() as AddressInfo).port }, 'listening');
});
// Longer than a proxy's idle timeout (nginx keepalive_timeout 60s), so the proxy closes first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
answerClientErrors(server);

let stopping: Promise<void> | undefined;

/**
 * Fails readiness and keeps serving for SHUTDOWN_DELAY_MS, closing each connection after its
 * answer (a load balancer polling readiness takes the replica out meanwhile; nginx, which does
 * not poll, finds its connections closed one by one rather than all at once), then stops
 * accepting connections, lets in-flight requests finish, and closes the database connections.
 */
function shutdown(reason: string, exitCode: number): Promise<void> {
  stopping ??= (async () => {
    lifecycle.draining = true;
    if (config.shutdownDelayMs > 0 && exitCode === 0) {
      logger.info({ reason, delayMs: config.shutdownDelayMs }, 'draining: readiness fails, still serving');
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    }
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
    // Scraped until the requests are done.
    await metrics?.close();
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
