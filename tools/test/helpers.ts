// Shared by the tools tests: temporary directories and a fake API that echoes what reaches it.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temporary directory, searchable by others (as root, PostgreSQL and nginx workers run as other users). */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `inkwell-${prefix}-`));
  await chmod(dir, 0o755);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A minimal web build: index.html and one hashed bundle, with its precompressed .br as the build writes it. */
export async function writeDummyWebBuild(dir: string): Promise<{ bundle: string; bundleText: string }> {
  const { mkdir } = await import('node:fs/promises');
  const { brotliCompressSync } = await import('node:zlib');
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Inkwell</title><div id="root"></div>\n');
  const bundle = 'assets/index-3f9a1c2b.js';
  const bundleText = `console.log(${JSON.stringify('x'.repeat(4096))});\n`;
  await writeFile(path.join(dir, bundle), bundleText);
  await writeFile(path.join(dir, `${bundle}.br`), brotliCompressSync(bundleText));
  await writeFile(path.join(dir, 'robots.txt'), 'User-agent: *\n');
  return { bundle: `/${bundle}`, bundleText };
}

/** What the echo endpoint reports about a request. */
export interface Echo {
  port: number;
  /** The fake replica's process (the in-process fake API leaves it out). */
  pid?: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  bytes: number;
  env: Record<string, string | undefined>;
}

/** Environment variables a fake replica reports back (the ones the stack must set). */
export const ECHOED_ENV = [
  'PORT',
  'DATABASE_URL',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_FORCE_PATH_STYLE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'ASSET_PUBLIC_BASE_URL',
  'JWT_SECRET',
  'CORS_ORIGINS',
  'WEB_DIST_DIR',
  'LOG_LEVEL',
  'METRICS_PORT',
];

/**
 * Source of a stand-in for api/dist/main.js: /api/v1/health (and /ready) answers 200,
 * /api/v1/echo describes the request and the environment (after 100 ms with ?slow), anything else
 * is "the web build". SIGTERM drains it (as the API's main.ts does) and closes it.
 */
export const FAKE_API_SOURCE = `
import { createServer } from 'node:http';
const port = Number(process.env.PORT);
const names = ${JSON.stringify(ECHOED_ENV)};
const server = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => { bytes += chunk.length; });
  req.on('end', () => {
    if (req.url === '/api/v1/health' || req.url === '/api/v1/health/ready') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"status":"ok"}');
    }
    if (req.url.startsWith('/api/v1/echo')) {
      const env = Object.fromEntries(names.map((name) => [name, process.env[name]]));
      const answer = JSON.stringify({ port, pid: process.pid, method: req.method, url: req.url, headers: req.headers, bytes, env });
      // ?slow: a request still in flight when a stop signal comes.
      return setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(answer);
      }, req.url.includes('slow') ? 100 : 0);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>served by the API</title>');
  });
});
server.listen(port, '127.0.0.1');
// Drains as the API does: answers for a while, closing each connection after its answer, then stops.
let draining = false;
server.prependListener('request', (req, res) => { if (draining) res.shouldKeepAlive = false; });
process.on('SIGTERM', () => {
  draining = true;
  setTimeout(() => server.close(() => process.exit(0)), 300);
});
`;

/** The fake API in this process, on a free port. */
export async function startFakeApi(): Promise<{ port: number; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      const port = (server.address() as AddressInfo).port;
      if (req.url === '/api/v1/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      const echo: Echo = {
        port,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers as Record<string, string>,
        bytes,
        env: {},
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined),
  };
}

/** What a fake renderer saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The page caching the real renderer asks for (web/README.md): nginx keeps it 10 s, browsers revalidate. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=10';

/**
 * A stand-in for the web renderer, in this process: it records every request and answers by path.
 *   /article/missing     404 page          /article/broken   500
 *   /article/slow        200 after 300 ms  /article/brief    200, fresh for 1 s only
 *   /rss.xml, /sitemap.xml, /robots.txt    the feeds' media types
 *   anything else        200 "rendered <path>" with the renderer's Cache-Control and a Set-Cookie
 * Each HTML body carries the number of the render, so a cached copy is told from a new one.
 */
export async function startFakeRenderer(): Promise<{
  port: number;
  seen: SeenRequest[];
  close: () => Promise<void>;
}> {
  const seen: SeenRequest[] = [];
  let renders = 0;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    seen.push({ method: req.method ?? '', url, headers: { ...req.headers } });
    const path = url.split('?')[0];
    const page = (status: number, cacheControl: string): void => {
      renders += 1;
      res
        .writeHead(status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': cacheControl,
          'set-cookie': 'tracking=1; Path=/',
          vary: 'Accept-Encoding, Cookie',
        })
        .end(`<!doctype html><title>rendered ${path}</title><p>render ${renders}</p>${'<p>filler</p>'.repeat(50)}\n`);
    };
    if (path === '/healthz') return void res.writeHead(200).end('ok');
    if (path === '/article/missing') return page(404, PAGE_CACHE_CONTROL);
    if (path === '/article/broken') {
      return void res.writeHead(500, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end('boom');
    }
    if (path === '/article/brief') return page(200, 'public, max-age=0, s-maxage=1');
    if (path === '/article/slow') return void setTimeout(() => page(200, PAGE_CACHE_CONTROL), 300);
    const feeds: Record<string, string> = {
      '/rss.xml': 'application/rss+xml; charset=utf-8',
      '/sitemap.xml': 'application/xml; charset=utf-8',
      '/robots.txt': 'text/plain; charset=utf-8',
    };
    const feedType = path !== undefined ? feeds[path] : undefined;
    if (feedType) {
      return void res
        .writeHead(200, { 'content-type': feedType, 'cache-control': 'public, max-age=300, s-maxage=60' })
        .end(`feed ${path}\n`);
    }
    page(200, PAGE_CACHE_CONTROL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Source of a stand-in for web/dist-server/server.js: /healthz answers 200; /echo-env reports the
 * environment it was given (the variables the stack must set); any other path is a rendered page.
 */
export const FAKE_RENDERER_SOURCE = `
import { createServer } from 'node:http';
const names = ['PORT', 'HOST', 'PUBLIC_ORIGIN', 'API_URL', 'WEB_DIST', 'LOG_LEVEL', 'DATABASE_URL', 'JWT_SECRET', 'AWS_SECRET_ACCESS_KEY'];
const server = createServer((req, res) => {
  if (req.url === '/healthz') return res.writeHead(200).end('ok');
  if (req.url === '/echo-env') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    return res.end(JSON.stringify(Object.fromEntries(names.map((name) => [name, process.env[name]]))));
  }
  res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'public, max-age=0, s-maxage=10' });
  res.end('<!doctype html><title>rendered by ' + process.env.PORT + '</title>');
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;
