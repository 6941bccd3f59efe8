// Builds the Express app: the whole HTTP surface composed in one place. No listen() here.
import { readFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import path from 'node:path';
import { openapiDocumentPath } from '@inkwell/openapi';
import cors from 'cors';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { Registry } from 'prom-client';
import { createSessionStore } from './db/session-store.js';
import type { AppDeps, HandlerDeps } from './deps.js';
import { authenticate, tokenSecurityHandler } from './http/auth.js';
import { docsRoutes } from './http/docs.js';
import { boundStrings, stringLimitsOf, verifyJsonShape } from './http/body-bounds.js';
import { apiNotFound, errorMiddleware } from './http/error-middleware.js';
import { createOperationResolver } from './http/operation-router.js';
import { rateLimitGuards } from './http/rate-limits.js';
import { createReadCache } from './http/read-cache.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { createAppMetrics } from './metrics.js';
import { createImageProcessingQueue } from './modules/assets/asset-service.js';
import { createUploadRateLimiter } from './modules/assets/upload-rate-limit.js';
import { imageUploadStorage, uploadLimits } from './modules/assets/upload-storage.js';
import { warmUpPasswordHashing } from './modules/users/password.js';
import { handlers } from './operations.js';
import { createTokenService } from './tokens.js';
import { createWorkQueue } from './work-queue.js';

export const API_BASE_PATH = '/api/v1';
// Larger than the biggest valid document (an article body of 100,000 characters, up to 4 bytes
// each) so the validator, not the parser, reports an over-long field.
const JSON_BODY_LIMIT = '1mb';
// Searches a process runs at once: a tenth of its pool (one with the default ten), so searches
// never hold the pool, and keep the database's CPU for everyone else (the search-abuse benchmark:
// with two at once per process readers' p99 went from 15 to 580 ms on two cores, with one it
// stayed at 21 ms).
const searchConcurrency = (poolMax: number): number => Math.max(1, Math.floor(poolMax / 10));
const SEARCHES_QUEUED = 16;

/**
 * Creates the app for `deps`: the cache of anonymous reads in front (a hit never reaches
 * Express), then the Express app.
 */
export function createApp(deps: AppDeps): RequestListener {
  const { config } = deps;
  const uploadLimit = createUploadRateLimiter(deps.db, config.rateLimits.uploads);
  // Built once per app: a second app in the same process (tests) gets its own queue and limiter.
  const handlerDeps: HandlerDeps = {
    ...deps,
    tokens: createTokenService({
      secret: config.jwtSecret,
      sessionTtlSeconds: config.sessionTtlSeconds,
      sessions: createSessionStore(deps.db, deps.notifications),
    }),
    imageProcessing: createImageProcessingQueue(),
    uploadRateLimiter: {
      async hit(ownerId) {
        const rate = await uploadLimit.hit(ownerId);
        if (rate.limited) metrics.rateLimited('uploads');
        return rate;
      },
    },
    searches: createWorkQueue({
      concurrency: searchConcurrency(config.database.poolMax),
      maxQueued: SEARCHES_QUEUED,
    }),
  };
  const readCache = createReadCache(deps.notifications, deps.db, {
    ...config.readCache,
    cors: config.corsOrigins.length > 0,
  });
  const metrics = createAppMetrics(deps.metrics ?? new Registry(), {
    db: deps.db,
    readCache,
    queues: { images: handlerDeps.imageProcessing, searches: handlerDeps.searches },
    lifecycle: deps.lifecycle,
  });
  warmUpPasswordHashing();

  const app = express();
  app.disable('x-powered-by');
  // Responses are per-caller JSON; hashing each body for an ETag costs more than it saves.
  app.set('etag', false);
  // Only the configured proxies (nginx on the same host by default) may say who the client is:
  // req.ip, which rate limits count by, comes from their X-Forwarded-For and from no one else's.
  app.set('trust proxy', config.trustProxy.length > 0 ? [...config.trustProxy] : false);

  app.use(metrics.requests);
  app.use(securityHeaders);
  app.use(requestLog(deps.logger));

  const api = express.Router();
  // Behind the same-origin proxy no CORS is needed, and none is sent (nothing to configure).
  if (config.corsOrigins.length > 0) {
    api.use(
      cors({
        origin: [...config.corsOrigins],
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Requested-With', 'X-Request-Id'],
        exposedHeaders: ['X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  // The reference and the document itself sit outside validation.
  api.use('/docs', docsRoutes());
  api.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/json').sendFile(openapiDocumentPath);
  });
  // Depth, number of values and lengths are bounded before parsing and validation, so no body
  // holds the event loop.
  api.use(express.json({ limit: JSON_BODY_LIMIT, verify: verifyJsonShape }));
  api.use(boundStrings(stringLimitsOf(JSON.parse(readFileSync(openapiDocumentPath, 'utf8')))));
  api.use(authenticate(handlerDeps.tokens));
  app.use(API_BASE_PATH, api);

  app.use(
    OpenApiValidator.middleware({
      apiSpec: openapiDocumentPath,
      $refParser: { mode: 'dereference' },
      validateRequests: { allErrors: true, allowUnknownQueryParameters: true },
      // On in tests, so the API cannot drift from the document; off in production for speed.
      validateResponses: config.nodeEnv === 'test' ? { allErrors: true } : false,
      validateSecurity: { handlers: { Token: tokenSecurityHandler } },
      // Multipart files go through our engine (type from the first bytes, size limit, nothing kept
      // for refused files) instead of multer's default whole-file memory storage.
      fileUploader: { storage: imageUploadStorage(), limits: uploadLimits },
      operationHandlers: {
        basePath: '',
        resolver: createOperationResolver(handlers, handlerDeps, {
          guards: rateLimitGuards(deps.db, config.rateLimits, metrics.rateLimited),
          readCache,
        }),
      },
    }),
  );
  app.use(API_BASE_PATH, apiNotFound);
  app.use('/api', apiNotFound);

  if (config.webDistDir) app.use(webApp(config.webDistDir));

  app.use(errorMiddleware(deps.logger));
  return (req, res) => {
    const started = performance.now();
    const cached = readCache.serve(req, res);
    // The cache answers GETs only, at once: it is counted here, as Express counts its own.
    if (cached === undefined) void app(req, res);
    else metrics.answered(cached, 'GET', res.statusCode, started);
  };
}

/**
 * Serves a built web app when no reverse proxy does: hashed files under /assets forever, every
 * other non-API path falls back to index.html, which is never cached.
 */
function webApp(distDir: string): express.Router {
  const root = path.resolve(distDir);
  const router = express.Router();
  router.use(
    express.static(root, {
      index: false,
      setHeaders(res, filePath) {
        const immutable = filePath.startsWith(path.join(root, 'assets') + path.sep);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/.*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(root, 'index.html'));
  });
  return router;
}
