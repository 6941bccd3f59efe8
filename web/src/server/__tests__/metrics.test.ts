/** @jest-environment node */
// The renderer's metrics on a port of their own (server/metrics.ts): answers by the kind of
// address and status, calls to the API by outcome, and the process's default metrics.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';

import { createRequestHandler } from '@/server/app';
import { ConfigError, loadConfig } from '@/server/config';
import { createLogger } from '@/server/logger';
import { routeKindOf, serveMetrics } from '@/server/metrics';
import type { PageAnswer, RenderDeps } from '@/server/render-page';
import { testTemplate } from '@/testing/render-server';

const log = createLogger('silent');
let metricsServer: Server;
let renderer: Server;
let metricsUrl = '';
let origin = '';

const address = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  const endpoint = serveMetrics({ METRICS_PORT: 0, METRICS_HOST: '127.0.0.1' }, log)!;
  metricsServer = endpoint.server;
  await once(metricsServer, 'listening');
  metricsUrl = address(metricsServer);
  renderer = createServer(
    createRequestHandler({
      config: { API_URL: 'http://api.invalid/api/v1', API_TIMEOUT_MS: 1000, PUBLIC_ORIGIN: 'https://inkwell.example' },
      template: testTemplate,
      log,
      handleFeedRequest: async () => false,
      // The page asks the API for its article, as the real one does, and answers with its status.
      renderPage: async (url: string, { api }: RenderDeps): Promise<PageAnswer> => {
        const { response } = await api.GET('/articles/{slug}', { params: { path: { slug: 'x' } } });
        return { status: response.status, headers: {}, html: `<p>${url}</p>` };
      },
      metrics: endpoint.metrics,
    }),
  );
  renderer.listen(0, '127.0.0.1');
  await once(renderer, 'listening');
  origin = address(renderer);
});
afterAll(async () => {
  await new Promise((resolve) => renderer.close(resolve));
  await new Promise((resolve) => metricsServer.close(resolve));
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** Answers the renderer's calls to the API (Requests) with `answer`; the test's own calls go out. */
function mockApi(answer: () => Promise<Response>): void {
  const realFetch = globalThis.fetch;
  jest
    .spyOn(globalThis, 'fetch')
    .mockImplementation((input, init) => (input instanceof Request ? answer() : realFetch(input, init)));
}

/** The value of one series (`name{labels}` as written) in the text format; undefined when absent. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the renderer metrics', () => {
  test('When pages and the health check are answered, then each is counted by kind and status, with its API call', async () => {
    mockApi(async () => Response.json({ errors: { article: ['not found'] } }, { status: 404 }));
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/article/x`)).status).toBe(404);
    expect((await fetch(`${origin}/article/x`)).status).toBe(404);

    const res = await fetch(`${metricsUrl}/metrics`);
    const text = await res.text();

    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(valueOf(text, 'inkwell_renderer_requests_total{route="healthz",status="200"}')).toBe(1);
    expect(valueOf(text, 'inkwell_renderer_requests_total{route="article",status="404"}')).toBe(2);
    expect(valueOf(text, 'inkwell_renderer_request_duration_seconds_count{route="article",status="404"}')).toBe(2);
    expect(valueOf(text, 'inkwell_renderer_api_calls_total{outcome="client_error"}')).toBe(2);
    expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  test('When the API cannot be reached, then the call is counted as unreachable', async () => {
    mockApi(() => Promise.reject(new TypeError('fetch failed')));
    // The render fails on it (this test's page renderer does not turn it into a 503).
    expect((await fetch(`${origin}/article/x`)).status).toBe(500);

    const text = await (await fetch(`${metricsUrl}/metrics`)).text();

    expect(valueOf(text, 'inkwell_renderer_api_calls_total{outcome="unreachable"}')).toBe(1);
  });

  test('When anything but GET /metrics is asked for, then it answers 404', async () => {
    expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('routeKindOf', () => {
  test.each([
    ['/', 'page'],
    ['/?tag=dragons&page=2', 'page'],
    ['/login?redirectTo=%2Feditor', 'page'],
    ['/editor/some-slug', 'page'],
    ['/article/some-slug', 'article'],
    ['/profile/ada', 'profile'],
    ['/profile/ada/favorites?page=3', 'profile'],
    ['/search?q=lighthouse', 'search'],
    ['/rss.xml?tag=dragons', 'feed'],
    ['/sitemap.xml', 'sitemap'],
    ['/robots.txt', 'robots'],
    ['/healthz', 'healthz'],
    ['/no/such/page', 'other'],
    ['/favicon.ico', 'other'],
  ])('When %p is asked for, then its kind is %p', (url, kind) => {
    expect(routeKindOf(url)).toBe(kind);
  });
});

describe('METRICS_PORT and METRICS_HOST', () => {
  const WITH_DIST = { WEB_DIST: '.' };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ ...WITH_DIST, ...env }, { requireWebDist: false });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  test('When METRICS_PORT is not set, then there are no metrics, and no server', () => {
    const config = loadConfig(WITH_DIST, { requireWebDist: false });

    expect(config).toMatchObject({ METRICS_PORT: null, METRICS_HOST: '127.0.0.1' });
    expect(serveMetrics(config, log)).toBeUndefined();
  });

  test('When METRICS_PORT and METRICS_HOST are set, then they are read', () => {
    const config = loadConfig(
      { ...WITH_DIST, METRICS_PORT: '9465', METRICS_HOST: '10.0.0.5' },
      { requireWebDist: false },
    );

    expect(config).toMatchObject({ METRICS_PORT: 9465, METRICS_HOST: '10.0.0.5' });
  });

  test.each([
    [{ METRICS_PORT: 'ninety' }, 'METRICS_PORT must be an integer from 0 to 65535, got "ninety"'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT must be an integer from 0 to 65535, got "70000"'],
    [{ METRICS_PORT: '4000', PORT: '4000' }, 'METRICS_PORT must differ from PORT'],
  ])('When %p is set, then the configuration is refused with that variable named', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });
});
