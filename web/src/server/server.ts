import { createServer } from 'node:http';

import { createRequestHandler } from './app';
import { ConfigError, loadConfig } from './config';
import { handleFeedRequest } from './feeds/index';
import { createLogger } from './logger';
import { serveMetrics } from './metrics';
import { loadPageTemplate } from './template';

/*
 * The web renderer: `node web/dist-server/server.js` (built by `npm run build -w web`). Renders
 * the public pages for nginx (see README); settings from the environment (config.ts). On SIGTERM it
 * stops accepting connections, finishes the requests in flight, then exits.
 */

/** How long requests in flight may take to finish after SIGTERM before the process exits anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

function readConfig(): ReturnType<typeof loadConfig> {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger('error').fatal({ problems: error.problems }, error.message);
    process.exit(1);
  }
}

const config = readConfig();

const log = createLogger(config.LOG_LEVEL);
const template = await loadPageTemplate(config.WEB_DIST).catch((error: unknown) => {
  log.fatal({ err: error, webDist: config.WEB_DIST }, 'WEB_DIST holds no usable web build (index.html)');
  process.exit(1);
});

// Only with METRICS_PORT, on a port of its own that nginx does not route.
const metrics = serveMetrics(config, log)?.metrics;
const server = createServer(createRequestHandler({ config, template, log, handleFeedRequest, metrics }));
// Longer than nginx keeps idle upstream connections (60 s), so nginx, not the renderer, closes them.
server.keepAliveTimeout = 65_000;

server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info(
    { host: config.HOST, port, apiUrl: config.API_URL, publicOrigin: config.PUBLIC_ORIGIN, webDist: config.WEB_DIST },
    `web renderer listening on http://${config.HOST}:${port}`,
  );
});

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new connections, finishing the requests in flight');
  const force = setTimeout(() => {
    log.warn({ timeoutMs: DRAIN_TIMEOUT_MS }, 'requests still in flight; exiting anyway');
    process.exit(1);
  }, DRAIN_TIMEOUT_MS);
  force.unref();
  // close() stops listening and lets the requests in flight finish. A keep-alive connection is
  // closed as soon as it is idle: now, or once its last response has gone out.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.close(() => {
    clearInterval(idle);
    log.info({}, 'stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('uncaughtException', (error) => {
  log.fatal({ err: error }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  log.fatal({ err: reason }, 'unhandled rejection');
  process.exit(1);
});
