/** @jest-environment node */
// The renderer's HTTP handling over a real socket: health, feeds first, request ids, methods, and
// what an unavailable API or a failing render become.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';

import { createRequestHandler } from '@/server/app';
import type { FeedContext } from '@/server/feeds/index';
import { createLogger } from '@/server/logger';
import { UpstreamError, type PageAnswer, type RenderDeps } from '@/server/render-page';
import { testTemplate } from '@/testing/render-server';

let server: Server;
let origin = '';
let feedContexts: FeedContext[] = [];
let renderCalls: { url: string; deps: RenderDeps }[] = [];
let nextRender: () => Promise<PageAnswer> = () => Promise.reject(new Error('no render arranged'));
let logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const handler = createRequestHandler({
    config: { API_URL: 'http://api.invalid/api/v1', API_TIMEOUT_MS: 1000, PUBLIC_ORIGIN: 'https://inkwell.example' },
    template: testTemplate,
    log: createLogger('info', (line) => logLines.push(JSON.parse(line) as Record<string, unknown>)),
    handleFeedRequest: async (req, res, ctx) => {
      if (!req.url?.startsWith('/rss.xml')) return false;
      feedContexts.push(ctx);
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end('<rss/>');
      return true;
    },
    renderPage: (url, deps) => {
      renderCalls.push({ url, deps });
      return nextRender();
    },
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  feedContexts = [];
  renderCalls = [];
  logLines = [];
});
afterEach(() => {
  jest.restoreAllMocks();
});

const page = (status: number): PageAnswer => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=10' },
  html: '<!doctype html><p>page</p>',
});

describe('the renderer over HTTP', () => {
  test('When /healthz is asked for, then it answers 200 without rendering anything', async () => {
    const res = await fetch(`${origin}/healthz`);

    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(renderCalls).toEqual([]);
  });

  test('When a feed is asked for, then the feeds module answers with the request id and the public origin', async () => {
    const res = await fetch(`${origin}/rss.xml?tag=x`, { headers: { 'X-Request-Id': 'edge-42' } });

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<rss/>');
    expect(feedContexts).toEqual([
      { api: expect.any(Object), publicOrigin: 'https://inkwell.example', requestId: 'edge-42' },
    ]);
    expect(renderCalls).toEqual([]);
  });

  test('When a page is asked for, then it is rendered with its query, the headers come back and the request is logged', async () => {
    nextRender = async () => page(200);

    const res = await fetch(`${origin}/?tag=x&page=2`, { headers: { 'X-Request-Id': 'edge-43' } });

    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=10');
    expect(res.headers.get('x-request-id')).toBe('edge-43');
    expect(await res.text()).toBe('<!doctype html><p>page</p>');
    expect(renderCalls.map(({ url }) => url)).toEqual(['/?tag=x&page=2']);
    expect(renderCalls[0]?.deps.publicOrigin).toBe('https://inkwell.example');
    expect(logLines).toEqual([
      expect.objectContaining({
        level: 30,
        reqId: 'edge-43',
        method: 'GET',
        url: '/?tag=x&page=2',
        status: 200,
        msg: 'request',
      }),
    ]);
  });

  test("When a page's data is asked for, then the API hears whom for: the reader's address, then nginx's", async () => {
    const sent: Request[] = [];
    const realFetch = globalThis.fetch;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (!(input instanceof Request)) return realFetch(input, init);
      sent.push(input);
      return Response.json({ tags: [] });
    });
    nextRender = async () => {
      await renderCalls[0]?.deps.api.GET('/tags');
      return page(200);
    };

    await fetch(`${origin}/`, { headers: { 'X-Forwarded-For': 'not an address, 203.0.113.7' } });

    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.get('x-forwarded-for')).toBe('203.0.113.7, 127.0.0.1');
    expect(sent[0]?.headers.get('cookie')).toBeNull();
  });

  test('When the request id is missing or not sane, then the renderer makes one up', async () => {
    nextRender = async () => page(200);

    const res = await fetch(`${origin}/`, { headers: { 'X-Request-Id': 'bad id <script>' } });

    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('When a page is asked for with HEAD, then the headers come without the body', async () => {
    nextRender = async () => page(404);

    const res = await fetch(`${origin}/nowhere`, { method: 'HEAD' });

    expect(res.status).toBe(404);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });

  test('When the method is not GET or HEAD, then it answers 405', async () => {
    const res = await fetch(`${origin}/`, { method: 'POST' });

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  test('When the API is unavailable, then it answers the status quickly, uncached, for nginx to fall back on', async () => {
    nextRender = () => Promise.reject(new UpstreamError(503));

    const res = await fetch(`${origin}/article/x`);

    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('retry-after')).toBe('5');
  });

  test('When rendering fails, then it answers 500 and logs the error', async () => {
    nextRender = () => Promise.reject(new Error('boom'));

    const res = await fetch(`${origin}/article/x`);

    expect(res.status).toBe(500);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(logLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 50, err: expect.objectContaining({ message: 'boom' }) }),
      ]),
    );
  });
});
