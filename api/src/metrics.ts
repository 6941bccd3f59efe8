// What an operator scrapes from each replica, in Prometheus' text format, on a port of its own
// that nginx does not route (METRICS_PORT): answers by operation, the database pool, the read
// cache, the work queues, rate-limit refusals, and the process itself (prom-client's default
// metrics). The registry is the app's own, never prom-client's global one, so two apps in one
// process (tests) count apart. States (the pool, the queues, the cache's size) are read when
// scraped; a request pays only for its own count.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { OpenApiRequest } from 'express-openapi-validator/dist/framework/types.js';
import type pg from 'pg';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from './config.js';
import type { Lifecycle } from './deps.js';
import type { RateLimitRejected } from './http/rate-limits.js';
import type { ReadCache } from './http/read-cache.js';
import type { WorkQueue } from './work-queue.js';

/** From an answer out of the read cache (well under a millisecond) to the statement timeout (10 s). */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The label of requests that reached no operation of the document (unknown paths, unparseable bodies). */
const UNMATCHED = 'unmatched';

/** What the app reports as it works. */
export interface AppMetrics {
  /** Express middleware: counts and times each answer under its operationId. */
  readonly requests: RequestHandler;
  /** Counts and times an answer given outside Express (the read cache's), begun at `started`. */
  answered(operation: string, method: string, status: number, started: number): void;
  readonly rateLimited: RateLimitRejected;
}

/** What the app's metrics read when scraped. */
export interface MetricSources {
  readonly db: pg.Pool;
  readonly readCache: ReadCache;
  /** The work queues by name. */
  readonly queues: Readonly<Record<string, WorkQueue>>;
  readonly lifecycle?: Lifecycle | undefined;
}

/** Registers the app's metrics on `registry`; one app per registry (a name is registered once). */
export function createAppMetrics(registry: Registry, sources: MetricSources): AppMetrics {
  const registers = [registry];
  const labelNames = ['operation', 'method', 'status'] as const;
  const requests = new Counter({
    name: 'inkwell_http_requests_total',
    help: 'Answers by operationId ("unmatched" outside the document), method and status.',
    labelNames,
    registers,
  });
  const durations = new Histogram({
    name: 'inkwell_http_request_duration_seconds',
    help: 'Time from the request to its answer, by operationId, method and status.',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const rejections = new Counter({
    name: 'inkwell_rate_limit_rejections_total',
    help: 'Requests refused by a rate limit, by the limit (as named in the configuration).',
    labelNames: ['limit'] as const,
    registers,
  });
  observeStates(registers, sources);

  const answered = (operation: string, method: string, status: number, started: number): void => {
    // One labels object for both: prom-client keeps it for a new series and never changes it.
    const labels = { operation, method, status: String(status) };
    requests.inc(labels);
    durations.observe(labels, (performance.now() - started) / 1000);
  };
  return {
    requests(req, res, next) {
      const started = performance.now();
      res.once('finish', () => {
        const operation = (req as OpenApiRequest).openapi?.schema.operationId ?? UNMATCHED;
        answered(operation, req.method, res.statusCode, started);
      });
      next();
    },
    answered,
    rateLimited(limit) {
      rejections.inc({ limit });
    },
  };
}

/** The metrics read at scrape time from the pool, the read cache, the work queues and the lifecycle. */
function observeStates(registers: Registry[], { db, readCache, queues, lifecycle }: MetricSources): void {
  new Gauge({
    name: 'inkwell_db_pool_connections',
    help: 'The pool: connections open (total) and idle, and requests waiting for one (waiting).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.set({ state: 'total' }, db.totalCount);
      this.set({ state: 'idle' }, db.idleCount);
      this.set({ state: 'waiting' }, db.waitingCount);
    },
  });
  new Gauge({
    name: 'inkwell_work_queue_jobs',
    help: 'Jobs of each work queue, running or queued.',
    labelNames: ['queue', 'state'] as const,
    registers,
    collect() {
      for (const [queue, work] of Object.entries(queues)) {
        this.set({ queue, state: 'running' }, work.running);
        this.set({ queue, state: 'queued' }, work.waiting);
      }
    },
  });
  new Gauge({
    name: 'inkwell_ready',
    help: '1 while the replica takes requests, 0 once it is draining after a stop signal.',
    registers,
    collect() {
      this.set(lifecycle?.draining ? 0 : 1);
    },
  });

  // The cache counts in plain numbers (a hit costs an increment); the counters take them over here.
  const cacheCounter = (name: string, help: string, read: (stats: ReturnType<ReadCache['stats']>) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read(readCache.stats()));
      },
    });
  cacheCounter('inkwell_read_cache_hits_total', 'Anonymous reads answered from the read cache.', (s) => s.hits);
  cacheCounter('inkwell_read_cache_misses_total', 'Anonymous reads the read cache did not have.', (s) => s.misses);
  cacheCounter(
    'inkwell_read_cache_invalidations_total',
    'Times the read cache was emptied for a change (announced, or a scheduled article out).',
    (s) => s.invalidations,
  );
  cacheCounter(
    'inkwell_read_cache_resets_total',
    'Times the read cache was emptied because its listener may have missed changes.',
    (s) => s.resets,
  );
  new Gauge({
    name: 'inkwell_read_cache_entries',
    help: 'Answers the read cache holds.',
    registers,
    collect() {
      this.set(readCache.stats().entries);
    },
  });
  new Gauge({
    name: 'inkwell_read_cache_bytes',
    help: 'Bytes the read cache holds (bodies and their bookkeeping, estimated).',
    registers,
    collect() {
      this.set(readCache.stats().bytes);
    },
  });
}

/** The process's registry and the HTTP server that serves it. */
export interface MetricsEndpoint {
  readonly registry: Registry;
  readonly server: Server;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
}

/**
 * Serves a new registry, with prom-client's default metrics (memory, CPU, event-loop lag, garbage
 * collection), at GET /metrics (404 for anything else) on `address`; port 0 takes any free port,
 * logged once listening. Undefined when no port is configured (METRICS_PORT unset): no metrics.
 */
export function serveMetrics(address: Config['metrics'], logger: Logger): MetricsEndpoint | undefined {
  if (address.port === null) return undefined;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'collecting metrics failed');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('collecting metrics failed\n');
      },
    );
  });
  server.listen(address.port, address.host, () => {
    logger.info({ host: address.host, port: (server.address() as AddressInfo).port }, 'metrics listening');
  });
  return {
    registry,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
