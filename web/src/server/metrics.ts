import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

import { matchPublicPage } from '@/app/public-pages';
import { paths, routedPathname } from '@/config/paths';

import type { ApiCallOutcome } from './api';
import type { RendererConfig } from './config';
import type { Logger } from './logger';

/*
 * What an operator scrapes from each renderer, in Prometheus' text format, on a port of its own
 * that nginx does not route (METRICS_PORT): answers by the kind of address and status, with their
 * latency, calls to the API by outcome, and the process itself (prom-client's default metrics).
 * The registry is the renderer's own, never prom-client's global one.
 */

/**
 * What an address is, as a label with few values: one of the public pages, one of the documents
 * that are not pages, `page` for the home page and the app's other addresses (sign-in, the
 * editor…), `other` for addresses the app does not know.
 */
export type RouteKind = 'page' | 'article' | 'profile' | 'search' | 'feed' | 'sitemap' | 'robots' | 'healthz' | 'other';

const DOCUMENTS: Readonly<Record<string, RouteKind>> = {
  '/healthz': 'healthz',
  '/rss.xml': 'feed',
  '/sitemap.xml': 'sitemap',
  '/robots.txt': 'robots',
};

/** From an answer made without the API (well under a millisecond) to a slow render (seconds). */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The kind of the address `url` (path and query, as asked for), read as the app's router reads it. */
export function routeKindOf(url: string): RouteKind {
  const { pathname, search } = new URL(url, 'http://renderer.invalid');
  if (Object.hasOwn(DOCUMENTS, pathname)) return DOCUMENTS[pathname] as RouteKind;
  const page = matchPublicPage(pathname, search);
  if (page) return page.name === 'home' ? 'page' : page.name;
  const routed = routedPathname(pathname);
  return Object.values(paths).some((route) => route.match(routed)) ? 'page' : 'other';
}

/** What the renderer reports as it works. */
export interface RendererMetrics {
  readonly registry: Registry;
  /** Counts and times an answer to `url` (path and query). */
  answered(url: string, status: number, seconds: number): void;
  /** Counts a call to the API; handed to each request's client (server/api.ts) as it is. */
  readonly apiCalled: (outcome: ApiCallOutcome) => void;
}

/** A registry of its own with the renderer's metrics and prom-client's default ones. */
function createRendererMetrics(): RendererMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const labelNames = ['route', 'status'] as const;
  const requests = new Counter({
    name: 'inkwell_renderer_requests_total',
    help: 'Answers by the kind of address and status.',
    labelNames,
    registers,
  });
  const durations = new Histogram({
    name: 'inkwell_renderer_request_duration_seconds',
    help: 'Time from the request to its answer, by the kind of address and status.',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const apiCalls = new Counter({
    name: 'inkwell_renderer_api_calls_total',
    help: 'Calls to the API by outcome: ok, client_error, server_error (by status), timeout, unreachable.',
    labelNames: ['outcome'] as const,
    registers,
  });
  return {
    registry,
    answered(url, status, seconds) {
      const labels = { route: routeKindOf(url), status: String(status) };
      requests.inc(labels);
      durations.observe(labels, seconds);
    },
    apiCalled: (outcome) => {
      apiCalls.inc({ outcome });
    },
  };
}

/**
 * With METRICS_PORT set, serves new metrics at GET /metrics (404 for anything else) on
 * METRICS_HOST; port 0 takes any free port, logged once listening. Undefined without: no metrics.
 */
export function serveMetrics(
  config: Pick<RendererConfig, 'METRICS_PORT' | 'METRICS_HOST'>,
  log: Logger,
): { metrics: RendererMetrics; server: Server } | undefined {
  if (config.METRICS_PORT === null) return undefined;
  const metrics = createRendererMetrics();
  const { registry } = metrics;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) => {
        log.error({ err: error }, 'collecting metrics failed');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('collecting metrics failed\n');
      },
    );
  });
  server.listen(config.METRICS_PORT, config.METRICS_HOST, () => {
    const { port } = server.address() as AddressInfo;
    log.info({ host: config.METRICS_HOST, port }, `metrics on http://${config.METRICS_HOST}:${port}/metrics`);
  });
  return { metrics, server };
}
