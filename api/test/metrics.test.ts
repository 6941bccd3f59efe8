// The metrics a replica serves on a port of its own (src/metrics.ts): answers by operation, those
// of the read cache included, rate-limit refusals, the pool, the work queues and the process.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { type MetricsEndpoint, serveMetrics } from '../src/metrics.js';
import { fromAddress, uniqueClientAddress } from './helpers/client-address.js';
import { type TestApp, startTestApp } from './helpers/test-app.js';
import { waitUntil } from './helpers/wait.js';

let endpoint: MetricsEndpoint;
let app: TestApp;
let metricsUrl = '';

beforeAll(async () => {
  endpoint = serveMetrics({ host: '127.0.0.1', port: 0 }, createLogger('silent'))!;
  await once(endpoint.server, 'listening');
  metricsUrl = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}`;
  app = await startTestApp({ metrics: endpoint.registry, env: { RATE_LIMIT_SEARCH: '1/1m' } });
});
afterAll(async () => {
  await app.close();
  await endpoint.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${metricsUrl}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series (`name{labels}` as written) in the text format; undefined when absent. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the metrics endpoint', () => {
  test('When anonymous reads are answered by Express and from the read cache, then every one is counted under its operation', async () => {
    await waitUntil(() => app.notifications.isLive());
    let reads = 0;
    // The cache lets reads through until it knows the next scheduled publication, and other test
    // files' writes empty it: read until one is a hit.
    await waitUntil(async () => {
      reads += 1;
      expect((await app.request.get('/api/v1/tags')).status).toBe(200);
      return (valueOf(await scrape(), 'inkwell_read_cache_hits_total') ?? 0) > 0;
    }, 10_000);

    const text = await scrape();

    const series = '{operation="listTags",method="GET",status="200"}';
    expect(valueOf(text, `inkwell_http_requests_total${series}`)).toBe(reads);
    expect(valueOf(text, `inkwell_http_request_duration_seconds_count${series}`)).toBe(reads);
    expect(valueOf(text, 'inkwell_read_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'inkwell_read_cache_entries')).toBeGreaterThanOrEqual(1);
  });

  test('When a path matches no operation, then its answer is counted as unmatched with its status', async () => {
    expect((await app.request.get('/api/v1/no-such-thing')).status).toBe(404);

    const text = await scrape();

    expect(valueOf(text, 'inkwell_http_requests_total{operation="unmatched",method="GET",status="404"}')).toBe(1);
  });

  test('When a rate limit refuses a request, then the refusal is counted by the limit and the 429 by its operation', async () => {
    const address = uniqueClientAddress();
    const search = () => app.request.get('/api/v1/articles').query({ q: 'lighthouse' }).set(fromAddress(address));
    expect((await search()).status).toBe(200);
    expect((await search()).status).toBe(429);

    const text = await scrape();

    expect(valueOf(text, 'inkwell_rate_limit_rejections_total{limit="search"}')).toBe(1);
    expect(valueOf(text, 'inkwell_http_requests_total{operation="listArticles",method="GET",status="429"}')).toBe(1);
  });

  test('When scraped, then it reads the pool, the work queues and readiness, with the default process metrics', async () => {
    await app.db.query('select 1');

    const res = await fetch(`${metricsUrl}/metrics`);
    const text = await res.text();

    expect(res.headers.get('content-type')).toBe(endpoint.registry.contentType);
    expect(valueOf(text, 'inkwell_db_pool_connections{state="total"}')).toBe(app.db.totalCount);
    expect(valueOf(text, 'inkwell_db_pool_connections{state="idle"}')).toBe(app.db.idleCount);
    expect(valueOf(text, 'inkwell_db_pool_connections{state="waiting"}')).toBe(0);
    expect(app.db.totalCount).toBeGreaterThan(0);
    expect(valueOf(text, 'inkwell_work_queue_jobs{queue="images",state="queued"}')).toBe(0);
    expect(valueOf(text, 'inkwell_work_queue_jobs{queue="searches",state="running"}')).toBe(0);
    expect(valueOf(text, 'inkwell_ready')).toBe(1);
    expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  test('When anything but GET /metrics is asked for, then it answers 404', async () => {
    const other = await fetch(`${metricsUrl}/`);
    const post = await fetch(`${metricsUrl}/metrics`, { method: 'POST' });

    expect(other.status).toBe(404);
    expect(post.status).toBe(404);
  });
});

describe('METRICS_PORT and METRICS_HOST', () => {
  const BASE = { NODE_ENV: 'test', DATABASE_URL: 'postgres://app@db.internal:5432/inkwell' };

  test('When METRICS_PORT is not set, then there are no metrics, and no server', () => {
    const config = loadConfig(BASE);

    expect(config.metrics).toEqual({ port: null, host: '127.0.0.1' });
    expect(serveMetrics(config.metrics, createLogger('silent'))).toBeUndefined();
  });

  test('When METRICS_PORT and METRICS_HOST are set, then they are the address', () => {
    expect(loadConfig({ ...BASE, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      port: 9464,
      host: '10.0.0.5',
    });
    expect(loadConfig({ ...BASE, METRICS_PORT: '0' }).metrics.port).toBe(0);
  });

  test.each([
    [{ METRICS_PORT: 'ninety' }, 'METRICS_PORT must be an integer from 0 to 65535'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT must be an integer from 0 to 65535'],
    [{ METRICS_PORT: '3000', PORT: '3000' }, 'METRICS_PORT must differ from PORT'],
    [{ METRICS_PORT: '9464', METRICS_HOST: 'not a host' }, 'METRICS_HOST must be an IP address or a host name'],
  ])('When %p is set, then the configuration is refused with that variable named', (env, problem) => {
    const attempt = () => loadConfig({ ...BASE, ...env });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(problem);
  });
});
