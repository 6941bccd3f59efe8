// The nginx templates render in both modes, Debian's nginx accepts both (`nginx -t`), and the
// local one, really running, routes, caches, compresses and proxies as the design says: the API,
// the static app, and the public pages through the renderer's micro-cache (a fake renderer here
// records what reaches it).
// nginx is required: install Debian's `nginx-light` (the CI script does).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { findFreePort } from '@inkwell/local';
import {
  findBrotliStaticModule,
  findNginxBinary,
  prepareLocalNginx,
  renderNginx,
  writeNginx,
} from '../src/nginx/render.js';
import { repoPaths } from '../src/paths.js';
import { spawnManaged, waitForHttpOk } from '../src/processes.js';
import type { LocalNginxOptions } from '../src/nginx/render.js';
import type { ManagedProcess } from '../src/processes.js';
import type { Echo } from './helpers.js';
import { makeTempDir, startFakeApi, startFakeRenderer, writeDummyWebBuild } from './helpers.js';

const execFileAsync = promisify(execFile);
const paths = repoPaths();
const nginxBinary = findNginxBinary();
const ASSET_ORIGIN = 'https://assets.inkwell.test';

/** The directives alone: comments mention paths and placeholders on purpose. */
function directives(text: string): string {
  return text.replace(/^\s*#.*\n/gm, '');
}

async function nginxTest(args: string[]): Promise<string> {
  assert.ok(nginxBinary);
  try {
    const { stderr } = await execFileAsync(nginxBinary, ['-t', ...args]);
    return stderr;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    assert.fail(`nginx -t failed:\n${stderr ?? String(error)}`);
  }
}

describe('nginx configuration', () => {
  it('has an nginx binary to test with (apt-get install nginx-light)', () => {
    assert.ok(nginxBinary, 'no nginx binary on PATH or in /usr/sbin');
  });

  it('renders production: TLS, redirect, one upstream server per replica, no placeholder left', async () => {
    const rendered = await renderNginx(paths.nginxSource, {
      mode: 'production',
      serverName: 'inkwell.test',
      webRoot: '/srv/inkwell/web',
      apiUpstreams: ['10.0.0.1:3000', '10.0.0.2:3000', '10.0.0.3:3000'],
      webUpstreams: ['10.0.0.1:3100', '10.0.0.2:3100'],
      assetOrigins: [ASSET_ORIGIN],
      tlsCertificate: '/etc/ssl/inkwell.pem',
      tlsCertificateKey: '/etc/ssl/inkwell.key',
    });
    assert.doesNotMatch(directives([...rendered.values()].join('\n')), /\{\{[A-Z_]+\}\}/);
    const site = rendered.get('conf.d/inkwell.conf') ?? '';
    assert.equal(site.match(/^\s*server 10\.0\.0\.\d:3000 /gm)?.length, 3);
    assert.match(site, /keepalive 64;/);
    assert.match(site, /upstream inkwell_web \{\s+server 10\.0\.0\.1:3100 [^\n]*\n\s+server 10\.0\.0\.2:3100 /);
    assert.match(site, /^proxy_cache_path "\/var\/lib\/nginx\/pages" .*keys_zone=inkwell_pages:10m/m);
    assert.match(site, /listen 443 ssl http2;/);
    assert.match(site, /return 301 https:\/\/\$host\$request_uri;/);
    assert.match(site, /client_max_body_size 11m;/);
    assert.match(
      site,
      /location \/api\/v1\/ \{\s+include snippets\/api-limits\.conf;\s+include snippets\/proxy-api\.conf;/,
    );
    assert.match(site, /geo \$inkwell_unlimited \{\s+default 0;\s+\}/, 'production limits every address');
    assert.match(rendered.get('snippets/proxy-api.conf') ?? '', /^proxy_read_timeout 60s;$/m);
    assert.match(rendered.get('nginx.conf') ?? '', /^\s*client_body_timeout 20s;$/m);
    assert.match(rendered.get('snippets/proxy-api.conf') ?? '', /^proxy_pass http:\/\/inkwell_api;$/m);
    assert.match(
      rendered.get('snippets/security-headers.conf') ?? '',
      new RegExp(`img-src 'self' data: blob: ${ASSET_ORIGIN};`),
    );
    assert.match(rendered.get('nginx.conf') ?? '', /^user www-data;$/m);
    assert.match(
      rendered.get('nginx.conf') ?? '',
      /^load_module "\/usr\/lib\/nginx\/modules\/ngx_http_brotli_static_module\.so";$/m,
    );
    assert.match(rendered.get('snippets/caching.conf') ?? '', /^\s*brotli_static on;$/m);
  });

  it('renders local brotli only where the module is: loaded and on, or neither', async () => {
    const local: LocalNginxOptions = {
      mode: 'local',
      port: 18080,
      webRoot: '/srv/inkwell/web',
      apiUpstreams: ['127.0.0.1:3001'],
      webUpstreams: ['127.0.0.1:3101'],
      assetOrigins: [],
    };
    const without = await renderNginx(paths.nginxSource, local);
    assert.doesNotMatch(directives(without.get('nginx.conf') ?? ''), /load_module/);
    assert.doesNotMatch(directives(without.get('snippets/caching.conf') ?? ''), /brotli/);

    const module = '/opt/nginx/modules/ngx_http_brotli_static_module.so';
    const withModule = await renderNginx(paths.nginxSource, { ...local, brotliStaticModule: module });
    assert.match(
      withModule.get('nginx.conf') ?? '',
      new RegExp(`^load_module "${module.replace(/[./]/g, '\\$&')}";$`, 'm'),
    );
    assert.match(withModule.get('snippets/caching.conf') ?? '', /^\s*brotli_static on;$/m);
  });

  it('renders local: plain HTTP on the port, every runtime path inside the prefix', async () => {
    const rendered = await renderNginx(paths.nginxSource, {
      mode: 'local',
      port: 18080,
      webRoot: '/srv/inkwell/web',
      apiUpstreams: ['127.0.0.1:3001'],
      webUpstreams: ['127.0.0.1:3101'],
      assetOrigins: ['http://localhost:4569'],
    });
    const main = rendered.get('nginx.conf') ?? '';
    const site = rendered.get('conf.d/inkwell.conf') ?? '';
    assert.doesNotMatch(directives([...rendered.values()].join('\n')), /\{\{[A-Z_]+\}\}/);
    // snippets/tls.conf is rendered too, but only production includes it.
    assert.doesNotMatch(directives(main + site), /ssl_|listen 443|tls\.conf|\/var\/|\/run\//);
    assert.match(site, /listen 127\.0\.0\.1:18080;/);
    // The end-to-end tests and the benchmark send thousands of API requests a second from here.
    assert.match(site, /geo \$inkwell_unlimited \{\s+default 0;\s+127\.0\.0\.0\/8 1;\s+::1 1;\s+\}/);
    assert.match(site, /^proxy_cache_path cache\/pages /m);
    for (const directive of ['pid logs/nginx.pid', 'error_log logs/error.log', 'access_log logs/access.log']) {
      assert.ok(main.includes(directive), directive);
    }
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      assert.ok(main.includes(`${temp}_temp_path temp/${temp};`), temp);
    }
    // Workers keep the starting user's rights: as root nginx would otherwise drop them to `nobody`.
    if (process.getuid?.() === 0) assert.match(main, /^user root;$/m);
    else assert.doesNotMatch(directives(main), /^\s*user\b/m);
  });

  it('passes `nginx -t` in production mode (with a throwaway certificate)', async (t) => {
    const tmp = await makeTempDir('nginx-prod');
    t.after(tmp.remove);
    const cert = path.join(tmp.dir, 'cert.pem');
    const key = path.join(tmp.dir, 'key.pem');
    await execFileAsync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=inkwell.test',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    const confFile = await writeNginx(paths.nginxSource, path.join(tmp.dir, 'conf'), {
      mode: 'production',
      serverName: 'inkwell.test',
      webRoot: path.join(tmp.dir, 'web'),
      apiUpstreams: ['127.0.0.1:3001', '127.0.0.1:3002'],
      webUpstreams: ['127.0.0.1:3101', '127.0.0.1:3102'],
      assetOrigins: [ASSET_ORIGIN],
      tlsCertificate: cert,
      tlsCertificateKey: key,
      // Only the log, pid and cache paths move into the temp dir: nginx -t opens the logs and
      // creates the cache directory.
      logDir: tmp.dir,
      pidFile: path.join(tmp.dir, 'nginx.pid'),
      pageCacheDir: path.join(tmp.dir, 'pages'),
    });
    const out = await nginxTest(['-p', `${tmp.dir}/`, '-c', confFile, '-e', path.join(tmp.dir, 'error.log')]);
    assert.match(out, /test is successful/);
  });

  it('passes `nginx -t` in local mode', async (t) => {
    const tmp = await makeTempDir('nginx-local');
    t.after(tmp.remove);
    const local = await prepareLocalNginx(paths.nginxSource, path.join(tmp.dir, 'nginx'), {
      port: 18080,
      webRoot: path.join(tmp.dir, 'web'),
      apiUpstreams: ['127.0.0.1:3001', '127.0.0.1:3002'],
      webUpstreams: ['127.0.0.1:3101', '127.0.0.1:3102'],
      assetOrigins: ['http://localhost:4569'],
    });
    const out = await nginxTest(local.args.slice(0, -2)); // without -g 'daemon off;'
    assert.match(out, /test is successful/);
  });

  it("starts a local run with an empty page cache (no pages of the last run's build or data)", async (t) => {
    const tmp = await makeTempDir('nginx-cache');
    t.after(tmp.remove);
    const options = {
      port: 18080,
      webRoot: path.join(tmp.dir, 'web'),
      apiUpstreams: ['127.0.0.1:3001'],
      webUpstreams: ['127.0.0.1:3101'],
      assetOrigins: [],
    };
    const prefix = path.join(tmp.dir, 'nginx');
    await prepareLocalNginx(paths.nginxSource, prefix, options);
    const leftover = path.join(prefix, 'cache', 'pages', 'f', '0a', 'leftover');
    await mkdir(path.dirname(leftover), { recursive: true });
    await writeFile(leftover, 'an old page');
    await prepareLocalNginx(paths.nginxSource, prefix, options);
    assert.deepEqual(await readdir(path.join(prefix, 'cache', 'pages')), []);
  });
});

describe('local nginx, running', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let api: Awaited<ReturnType<typeof startFakeApi>>;
  let renderer: Awaited<ReturnType<typeof startFakeRenderer>>;
  let nginx: ManagedProcess;
  let base = '';
  let bundle = '';
  let bundleText = '';

  before(async () => {
    assert.ok(nginxBinary, 'nginx is required');
    assert.ok(
      findBrotliStaticModule(),
      'the brotli_static module is required (Debian: libnginx-mod-http-brotli-static)',
    );
    tmp = await makeTempDir('nginx-run');
    const webRoot = path.join(tmp.dir, 'web');
    ({ bundle, bundleText } = await writeDummyWebBuild(webRoot));
    api = await startFakeApi();
    renderer = await startFakeRenderer();
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    const local = await prepareLocalNginx(paths.nginxSource, path.join(tmp.dir, 'nginx'), {
      port,
      webRoot,
      apiUpstreams: [`127.0.0.1:${api.port}`],
      webUpstreams: [`127.0.0.1:${renderer.port}`],
      assetOrigins: ['http://localhost:4569'],
    });
    nginx = spawnManaged('nginx', nginxBinary, local.args, { cwd: tmp.dir, env: process.env, output: () => {} });
    await waitForHttpOk(`${base}/api/v1/health`, { timeoutMs: 10_000, process: nginx });
  });

  after(async () => {
    await nginx?.stop('SIGQUIT', 5_000);
    await api?.close();
    await renderer?.close();
    await tmp?.remove();
  });

  it('serves index.html for app routes, never cached, with the security headers', async () => {
    for (const route of ['/index.html', '/editor', '/settings', '/@alice/favorites', '/search/deeper']) {
      const response = await fetch(`${base}${route}`);
      assert.equal(response.status, 200, route);
      assert.match(await response.text(), /<title>Inkwell<\/title>/, route);
      assert.equal(response.headers.get('cache-control'), 'no-cache', route);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /img-src 'self' data: blob: http:\/\/localhost:4569;/, route);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('link'), '<http://localhost:4569>; rel=preconnect', route);
    }
  });

  it('caches hashed bundles for a year, sends their .br to who accepts brotli, else gzip, and answers 404 for a missing one', async () => {
    const response = await fetch(`${base}${bundle}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    await response.body?.cancel();

    const brotli = await fetch(`${base}${bundle}`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(brotli.headers.get('content-encoding'), 'br', 'the precompressed file.br');
    assert.equal(await brotli.text(), bundleText);

    const missing = await fetch(`${base}/assets/index-00000000.js`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('cache-control'), null);
    await missing.body?.cancel();
  });

  it('proxies /api/v1/ with the path, Host, X-Forwarded-* and a request id', async () => {
    const response = await fetch(`${base}/api/v1/echo/articles?limit=5`);
    assert.equal(response.status, 200);
    const echo = (await response.json()) as Echo;
    assert.equal(echo.url, '/api/v1/echo/articles?limit=5');
    assert.equal(echo.headers.host, new URL(base).host);
    assert.equal(echo.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(echo.headers['x-forwarded-proto'], 'http');
    assert.match(echo.headers['x-request-id'] ?? '', /^[0-9a-f]{32}$/);
    assert.equal(response.headers.get('content-security-policy'), null, 'the API sets its own headers');

    const tagged = await fetch(`${base}/api/v1/echo`, {
      headers: { 'x-request-id': 'caller-chosen-id', 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
    });
    const taggedEcho = (await tagged.json()) as Echo;
    assert.equal(taggedEcho.headers['x-request-id'], 'caller-chosen-id');
    assert.equal(taggedEcho.headers['x-forwarded-for'], '127.0.0.1', "the client's claim is replaced, not appended to");
  });

  it('accepts a 10 MiB upload and refuses 12 MiB with a JSON 413', async () => {
    const ok = await fetch(`${base}/api/v1/echo`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024) });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as Echo).bytes, 10 * 1024 * 1024);

    const tooBig = await fetch(`${base}/api/v1/echo`, { method: 'POST', body: Buffer.alloc(12 * 1024 * 1024) });
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await tooBig.json(), { errors: { body: ['is too large'] } });
  });

  /** The fake renderer's requests for `path` (query string included). */
  const rendersOf = (path: string) => renderer.seen.filter((request) => request.url === path);

  it('renders a public page once, then serves it from the micro-cache, with the security headers', async () => {
    const first = await fetch(`${base}/article/cached`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-cache-status'), 'MISS');
    const body = await first.text();
    assert.match(body, /<title>rendered \/article\/cached<\/title>/);

    const second = await fetch(`${base}/article/cached`);
    assert.equal(second.headers.get('x-cache-status'), 'HIT');
    assert.equal(await second.text(), body, 'the same render');
    assert.equal(rendersOf('/article/cached').length, 1);

    assert.equal(second.headers.get('cache-control'), 'public, max-age=0, s-maxage=10', "the renderer's own");
    assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(second.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(second.headers.get('set-cookie'), null, 'Set-Cookie from the renderer is dropped');
    assert.match(second.headers.get('vary') ?? '', /Cookie/);
    assert.equal(second.headers.get('link'), '<http://localhost:4569>; rel=preconnect');
  });

  it('covers every public route, and leaves the app routes static', async () => {
    for (const route of [
      '/',
      '/?tag=dragons&page=2',
      '/article/a',
      '/profile/ada',
      '/profile/ada/favorites',
      '/search?q=x',
    ]) {
      const response = await fetch(`${base}${route}`);
      assert.equal(response.status, 200, route);
      assert.match(await response.text(), /<title>rendered /, route);
      assert.equal(rendersOf(route).length, 1, route);
    }
    for (const route of ['/editor', '/login', '/settings', '/search/deeper']) {
      await (await fetch(`${base}${route}`)).text();
      assert.equal(rendersOf(route).length, 0, route);
    }
  });

  it('never forwards Cookie or Authorization, and keeps them out of the cache key', async () => {
    const first = await fetch(`${base}/article/private`, {
      headers: {
        cookie: 'theme=dark; other=1',
        authorization: 'Token secret.jwt.value',
        'accept-encoding': 'gzip',
        'x-forwarded-for': '203.0.113.7',
      },
    });
    assert.equal(first.headers.get('x-cache-status'), 'MISS');
    assert.equal(first.headers.get('content-encoding'), 'gzip', 'nginx compresses for the client');
    await first.text();
    const [seen] = rendersOf('/article/private');
    assert.ok(seen);
    assert.equal(seen.headers.cookie, undefined);
    assert.equal(seen.headers.authorization, undefined);
    assert.equal(seen.headers['accept-encoding'], undefined, 'the cache holds one uncompressed copy');
    assert.match(String(seen.headers['x-request-id']), /^[0-9a-f]{32}$/);
    assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen.headers.host, new URL(base).host);

    const other = await fetch(`${base}/article/private`, {
      headers: { cookie: 'theme=light', authorization: 'Token another.jwt' },
    });
    assert.equal(other.headers.get('x-cache-status'), 'HIT', 'another visitor gets the same copy');
    await other.text();
  });

  it('renders a page once for a crowd arriving together (cache lock)', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/article/slow`)));
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    assert.equal(new Set(bodies).size, 1);
    assert.equal(rendersOf('/article/slow').length, 1);
  });

  it('sends a signed-in browser the static app, not the renderer, for every public page', async () => {
    for (const route of ['/', '/article/cached', '/article/signed-in-only', '/profile/ada', '/search?q=x']) {
      const before = renderer.seen.length;
      const response = await fetch(`${base}${route}`, { headers: { cookie: 'theme=dark; inkwell_session=1' } });
      assert.equal(response.status, 200, route);
      assert.match(await response.text(), /<title>Inkwell<\/title>/, route);
      assert.equal(response.headers.get('cache-control'), 'no-cache', route);
      assert.equal(response.headers.get('x-cache-status'), null, route);
      assert.equal(renderer.seen.length, before, `${route} reached the renderer`);
    }
  });

  it("passes the renderer's 404 page on, and replaces its 500 with the app", async () => {
    const missing = await fetch(`${base}/article/missing`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /rendered \/article\/missing/);

    const broken = await fetch(`${base}/article/broken`);
    assert.equal(broken.status, 200);
    assert.match(await broken.text(), /<title>Inkwell<\/title>/);
    assert.equal(broken.headers.get('cache-control'), 'no-cache');
  });

  it('sends the feeds to the renderer whoever asks, with their media types, compressed', async () => {
    for (const [route, type] of [
      ['/rss.xml?tag=x', 'application/rss+xml; charset=utf-8'],
      ['/robots.txt', 'text/plain; charset=utf-8'],
    ] as const) {
      const response = await fetch(`${base}${route}`, {
        headers: { cookie: 'inkwell_session=1', 'accept-encoding': 'gzip' },
      });
      assert.equal(response.status, 200, route);
      assert.equal(response.headers.get('content-type'), type, route);
      assert.equal(await response.text(), `feed ${route.split('?')[0]}\n`);
      assert.equal(rendersOf(route).length, 1, route);
      assert.equal(rendersOf(route)[0]?.headers.cookie, undefined);
    }
  });

  it('with no renderer: a stale copy if there is one, else the app for pages and a 503 for feeds', async () => {
    await (await fetch(`${base}/article/brief`)).text();
    await renderer.close();
    // /article/brief is fresh for 1 s (s-maxage=1); nginx counts in whole seconds.
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const stale = await fetch(`${base}/article/brief`);
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get('x-cache-status'), 'STALE');
    assert.match(await stale.text(), /rendered \/article\/brief/);

    for (const route of ['/article/never-rendered', '/profile/nobody', '/?page=9', '/search?q=down']) {
      const page = await fetch(`${base}${route}`);
      assert.equal(page.status, 200, route);
      assert.match(await page.text(), /<title>Inkwell<\/title>/, route);
    }

    const sitemap = await fetch(`${base}/sitemap.xml`);
    assert.equal(sitemap.status, 503);
    assert.equal(sitemap.headers.get('retry-after'), '30');
    assert.match(await sitemap.text(), /temporarily unavailable/);

    const robots = await fetch(`${base}/robots.txt?fresh`);
    assert.equal(robots.status, 200);
    assert.equal(await robots.text(), 'User-agent: *\n', "the web build's robots.txt");
  });

  it('answers a JSON 502 when no API replica is reachable', async () => {
    await api.close();
    const response = await fetch(`${base}/api/v1/articles`);
    assert.equal(response.status, 502);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('retry-after'), '5');
    assert.deepEqual(await response.json(), { errors: { server: ['is unreachable, retry later'] } });
  });

  it('keeps its logs and pid inside the prefix', async () => {
    const pid = await readFile(path.join(tmp.dir, 'nginx', 'logs', 'nginx.pid'), 'utf8');
    assert.equal(Number.parseInt(pid, 10), nginx.child.pid);
    const access = await readFile(path.join(tmp.dir, 'nginx', 'logs', 'access.log'), 'utf8');
    assert.match(access, /"GET \/api\/v1\/echo HTTP\/1\.1" 200 .* rid=caller-chosen-id /);
  });
});

/** One raw HTTP exchange: what nginx sent back before closing (or `waitMs`), as text. */
function rawExchange(port: number, request: string, waitMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

/** The status, headers (lower-cased names) and body of a raw answer. */
function parseAnswer(answer: string): { status: number; headers: Map<string, string>; body: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number.parseInt(statusLine.split(' ')[1] ?? '', 10), headers, body };
}

describe('local nginx, errors it answers itself', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let nginx: ManagedProcess;
  let port = 0;
  let base = '';
  // An API that answers at once, after 3 s (/api/v1/slow), or with its own 429 (/api/v1/own-error).
  const api = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/api/v1/slow') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 3_000).unref();
        return;
      }
      if (req.url === '/api/v1/own-error') {
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': '42' })
          .end('{"errors":{"comment":["too many comments, retry later"]}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });

  before(async () => {
    assert.ok(nginxBinary, 'nginx is required');
    tmp = await makeTempDir('nginx-errors');
    const webRoot = path.join(tmp.dir, 'web');
    await writeDummyWebBuild(webRoot);
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    const local = await prepareLocalNginx(paths.nginxSource, path.join(tmp.dir, 'nginx'), {
      port,
      webRoot,
      apiUpstreams: [`127.0.0.1:${(api.address() as AddressInfo).port}`],
      webUpstreams: ['127.0.0.1:9'],
      assetOrigins: [],
      // As in production: the flood guard counts this address too; and shorter waits.
      exemptLoopback: false,
      timeouts: { clientBody: '1s', apiRead: '1s' },
    });
    nginx = spawnManaged('nginx', nginxBinary, local.args, { cwd: tmp.dir, env: process.env, output: () => {} });
    await waitForHttpOk(`${base}/api/v1/health`, { timeoutMs: 10_000, process: nginx });
  });

  after(async () => {
    await nginx?.stop('SIGQUIT', 5_000);
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    await tmp?.remove();
  });

  const long = 'a'.repeat(10_000);
  const cases: Array<{ status: number; what: string; request: (path: string) => string; errors: object }> = [
    {
      status: 400,
      what: 'a malformed request line',
      request: (path) => `GET ${path} junk HTTP/1.1\r\nHost: x\r\n\r\n`,
      errors: { request: ['is malformed'] },
    },
    {
      status: 400,
      what: 'HTTP/1.1 without Host',
      request: (path) => `GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`,
      errors: { request: ['is malformed'] },
    },
    {
      status: 405,
      what: 'TRACE',
      request: (path) => `TRACE ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      errors: { method: ['is not allowed'] },
    },
    {
      status: 414,
      what: 'a 10 kB URI',
      request: (path) => `GET ${path}${long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      errors: { uri: ['is too long'] },
    },
    {
      status: 431,
      what: 'a 10 kB header',
      request: (path) => `GET ${path} HTTP/1.1\r\nHost: x\r\nCookie: ${long}\r\nConnection: close\r\n\r\n`,
      errors: { headers: ['are too large'] },
    },
    {
      status: 413,
      what: 'a 12 MiB body announced',
      request: (path) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 12582912\r\nConnection: close\r\n\r\n`,
      errors: { body: ['is too large'] },
    },
  ];

  for (const { status, what, request, errors } of cases) {
    it(`answers ${what} under /api/v1/ with a JSON ${status}, and elsewhere with its HTML page`, async () => {
      const json = parseAnswer(await rawExchange(port, request('/api/v1/articles')));
      assert.equal(json.status, status);
      assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(json.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(JSON.parse(json.body), { errors });

      const html = parseAnswer(await rawExchange(port, request('/article/')));
      // nginx's own page for a header too large says 400.
      assert.equal(html.status, status === 431 ? 400 : status);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(html.body, /<center>nginx<\/center>/);
    });
  }

  it('passes the API’s own errors through untouched', async () => {
    const response = await fetch(`${base}/api/v1/own-error`);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '42');
    assert.deepEqual(await response.json(), { errors: { comment: ['too many comments, retry later'] } });
  });

  it('closes, unanswered, a connection whose body stalls past client_body_timeout (the log says 408)', async () => {
    const started = Date.now();
    const answer = await rawExchange(
      port,
      'POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"article":',
      5_000,
    );
    assert.equal(answer, '');
    assert.ok(Date.now() - started < 4_000, 'closed by nginx, not by the test');
    const access = await readFile(path.join(tmp.dir, 'nginx', 'logs', 'access.log'), 'utf8');
    assert.match(access, /"POST \/api\/v1\/articles HTTP\/1\.1" 408 /);
  });

  it('answers a JSON 504 when the API takes longer than proxy_read_timeout', async () => {
    const response = await fetch(`${base}/api/v1/slow`);
    assert.equal(response.status, 504);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await response.json(), { errors: { server: ['took too long to answer'] } });
  });

  it('answers a flood from one address with JSON 429s and Retry-After', async () => {
    // More than the burst (300), ten at a time: limit_req, not limit_conn, refuses them.
    const statuses: number[] = [];
    let refused: Response | undefined;
    const worker = async (): Promise<void> => {
      while (statuses.length < 600) {
        const response = await fetch(`${base}/api/v1/health`);
        statuses.push(response.status);
        if (response.status === 429 && !refused) refused = response;
        else await response.body?.cancel();
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    assert.ok(statuses.filter((status) => status === 200).length >= 300, 'the burst is served');
    assert.ok(statuses.includes(429));
    assert.deepEqual(new Set(statuses), new Set([200, 429]));
    assert.ok(refused);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.equal(refused.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await refused.json(), { errors: { requests: ['are too many, retry later'] } });
  });
});
