// The nginx templates render in both modes, Debian's nginx accepts both (`nginx -t`), and the
// local one, really running, routes, caches, compresses and proxies as the design says.
// nginx is required: install Debian's `nginx-light` (the CI script does).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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
import { makeTempDir, startFakeApi, writeDummyWebBuild } from './helpers.js';

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
      assetOrigins: [ASSET_ORIGIN],
      tlsCertificate: '/etc/ssl/inkwell.pem',
      tlsCertificateKey: '/etc/ssl/inkwell.key',
    });
    assert.doesNotMatch(directives([...rendered.values()].join('\n')), /\{\{[A-Z_]+\}\}/);
    const site = rendered.get('conf.d/inkwell.conf') ?? '';
    assert.equal(site.match(/^\s*server 10\.0\.0\.\d:3000 /gm)?.length, 3);
    assert.match(site, /keepalive 32;/);
    assert.match(site, /listen 443 ssl http2;/);
    assert.match(site, /return 301 https:\/\/\$host\$request_uri;/);
    assert.match(site, /client_max_body_size 11m;/);
    assert.match(site, /location \/api\/v1\/ \{\s+include snippets\/proxy-api\.conf;/);
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
      assetOrigins: ['http://localhost:4569'],
    });
    const main = rendered.get('nginx.conf') ?? '';
    const site = rendered.get('conf.d/inkwell.conf') ?? '';
    assert.doesNotMatch(directives([...rendered.values()].join('\n')), /\{\{[A-Z_]+\}\}/);
    // snippets/tls.conf is rendered too, but only production includes it.
    assert.doesNotMatch(directives(main + site), /ssl_|listen 443|tls\.conf|\/var\/|\/run\//);
    assert.match(site, /listen 127\.0\.0\.1:18080;/);
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
      assetOrigins: [ASSET_ORIGIN],
      tlsCertificate: cert,
      tlsCertificateKey: key,
      // Only the log and pid paths move into the temp dir: nginx -t opens the logs.
      logDir: tmp.dir,
      pidFile: path.join(tmp.dir, 'nginx.pid'),
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
      assetOrigins: ['http://localhost:4569'],
    });
    const out = await nginxTest(local.args.slice(0, -2)); // without -g 'daemon off;'
    assert.match(out, /test is successful/);
  });
});

describe('local nginx, running', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let api: Awaited<ReturnType<typeof startFakeApi>>;
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
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    const local = await prepareLocalNginx(paths.nginxSource, path.join(tmp.dir, 'nginx'), {
      port,
      webRoot,
      apiUpstreams: [`127.0.0.1:${api.port}`],
      assetOrigins: ['http://localhost:4569'],
    });
    nginx = spawnManaged('nginx', nginxBinary, local.args, { cwd: tmp.dir, env: process.env, output: () => {} });
    await waitForHttpOk(`${base}/api/v1/health`, { timeoutMs: 10_000, process: nginx });
  });

  after(async () => {
    await nginx?.stop('SIGQUIT', 5_000);
    await api?.close();
    await tmp?.remove();
  });

  it('serves index.html for / and for app routes, never cached, with the security headers', async () => {
    for (const route of ['/', '/article/hello-world', '/@alice/favorites']) {
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

    const tagged = await fetch(`${base}/api/v1/echo`, { headers: { 'x-request-id': 'caller-chosen-id' } });
    assert.equal(((await tagged.json()) as Echo).headers['x-request-id'], 'caller-chosen-id');
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

  it('answers a JSON 503 when no API replica is reachable', async () => {
    await api.close();
    const response = await fetch(`${base}/api/v1/articles`);
    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), { errors: { server: ['temporarily unavailable'] } });
  });

  it('keeps its logs and pid inside the prefix', async () => {
    const pid = await readFile(path.join(tmp.dir, 'nginx', 'logs', 'nginx.pid'), 'utf8');
    assert.equal(Number.parseInt(pid, 10), nginx.child.pid);
    const access = await readFile(path.join(tmp.dir, 'nginx', 'logs', 'access.log'), 'utf8');
    assert.match(access, /"GET \/api\/v1\/echo HTTP\/1\.1" 200 .* rid=caller-chosen-id /);
  });
});
