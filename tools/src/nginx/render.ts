// Renders the nginx/ templates ({{PLACEHOLDER}}s) into a working configuration, in one of two
// modes from the same files, so production and local cannot drift apart:
//   production  TLS + HTTP→HTTPS redirect, N API and N renderer replicas, Debian's paths;
//   local       plain HTTP on one port, every path inside a prefix dir (npm start, e2e tests).
//
// Usage (production, into nginx/dist/):
//   node tools/dist/nginx/render.js [--out DIR] [--server-name example.org] [--web-root DIR]
//     [--upstream HOST:PORT]... [--web-upstream HOST:PORT]... | [--replicas N]
//     [--asset-origin URL] [--cert FILE --key FILE] [--page-cache DIR]
//   Defaults come from INKWELL_SERVER_NAME, INKWELL_WEB_ROOT, INKWELL_API_UPSTREAMS and
//   INKWELL_WEB_UPSTREAMS (comma lists; else --replicas N on 127.0.0.1:3001… and 3101…),
//   ASSET_PUBLIC_BASE_URL (else the S3_BUCKET/S3_REGION bucket URL).
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { repoPaths } from '../paths.js';

interface CommonOptions {
  /** host:port of every API replica. */
  apiUpstreams: string[];
  /** host:port of every web renderer replica (the public pages). */
  webUpstreams: string[];
  /** Absolute path of the web build (web/dist). */
  webRoot: string;
  /** Origins images may load from besides our own (the asset store), for the CSP. */
  assetOrigins: string[];
}

/** Production: TLS on 443, redirect on 80, logs and pid where Debian's nginx keeps them. */
export interface ProductionNginxOptions extends CommonOptions {
  mode: 'production';
  serverName: string;
  tlsCertificate: string;
  tlsCertificateKey: string;
  /** Default /var/log/nginx. */
  logDir?: string;
  /** Default /run/nginx.pid. */
  pidFile?: string;
  /** The page micro-cache; default /var/lib/nginx/pages (nginx creates it, owned by its workers). */
  pageCacheDir?: string;
}

/** Local: plain HTTP; pid, logs and temp paths relative to the prefix (nginx -p). */
export interface LocalNginxOptions extends CommonOptions {
  mode: 'local';
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The brotli_static module's file, when this machine has it (prepareLocalNginx looks for it). */
  brotliStaticModule?: string;
  /**
   * Whether loopback clients skip the API flood guard (default true): the end-to-end tests and
   * the benchmark send thousands of requests a second from 127.0.0.1.
   */
  exemptLoopback?: boolean;
  /** Shorter waits than production's, for tests: nginx time values such as `1s`. */
  timeouts?: { clientBody?: string; apiRead?: string };
}

export type NginxRenderOptions = ProductionNginxOptions | LocalNginxOptions;

/** Rendered files, keyed by their path relative to the configuration directory. */
export type RenderedNginx = Map<string, string>;

const TEMPLATE_FILES = /^(nginx\.conf|mime\.types|conf\.d\/[\w.-]+\.conf|snippets\/[\w.-]+\.conf)$/;
const LOCAL_TEMP_DIRS = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'] as const;
/** The page micro-cache, inside a local prefix. */
const LOCAL_PAGE_CACHE = 'cache/pages';
const BROTLI_STATIC_MODULE = 'ngx_http_brotli_static_module.so';
const DEBIAN_MODULES_DIR = '/usr/lib/nginx/modules';
/** Production's waits: between two reads of a request body; for an API replica's answer. */
const CLIENT_BODY_TIMEOUT = '20s';
const API_READ_TIMEOUT = '60s';

/** Reads the templates under `sourceDir` (nginx/) and fills every placeholder for `options.mode`. */
export async function renderNginx(sourceDir: string, options: NginxRenderOptions): Promise<RenderedNginx> {
  const values = placeholderValues(options);
  const unused = new Set(Object.keys(values));
  const rendered: RenderedNginx = new Map();
  for (const file of await listTemplates(sourceDir)) {
    const template = await readFile(path.join(sourceDir, file), 'utf8');
    rendered.set(file, fill(template, values, unused, file));
  }
  if (unused.size > 0) {
    throw new Error(`nginx templates no longer use ${[...unused].map((name) => `{{${name}}}`).join(', ')}`);
  }
  return rendered;
}

/** Renders into `confDir` (replacing what was there); returns the path of the main nginx.conf. */
export async function writeNginx(sourceDir: string, confDir: string, options: NginxRenderOptions): Promise<string> {
  const rendered = await renderNginx(sourceDir, options);
  await rm(confDir, { recursive: true, force: true });
  for (const [file, text] of rendered) {
    await mkdir(path.dirname(path.join(confDir, file)), { recursive: true });
    await writeFile(path.join(confDir, file), text);
  }
  return path.join(confDir, 'nginx.conf');
}

/** A local nginx ready to run from `prefixDir`: the rendered conf/, logs/ and temp/ inside it. */
export interface LocalNginx {
  prefixDir: string;
  confFile: string;
  /** Arguments for the nginx binary; add `-t` to test the configuration instead. */
  args: string[];
}

/** Renders the local configuration into `<prefixDir>/conf` and creates its log, temp and (empty) cache dirs. */
export async function prepareLocalNginx(
  sourceDir: string,
  prefixDir: string,
  options: Omit<LocalNginxOptions, 'mode'>,
): Promise<LocalNginx> {
  const prefix = path.resolve(prefixDir);
  const confFile = await writeNginx(sourceDir, path.join(prefix, 'conf'), {
    brotliStaticModule: findBrotliStaticModule(),
    ...options,
    mode: 'local',
  });
  await mkdir(path.join(prefix, 'logs'), { recursive: true });
  for (const dir of LOCAL_TEMP_DIRS) await mkdir(path.join(prefix, 'temp', dir), { recursive: true });
  // A new run starts with no cached pages: the last run's may come from another build or data.
  await rm(path.join(prefix, LOCAL_PAGE_CACHE), { recursive: true, force: true });
  await mkdir(path.join(prefix, LOCAL_PAGE_CACHE), { recursive: true });
  return {
    prefixDir: prefix,
    confFile,
    // -e: the error log before the config is read (else the compiled-in /var/log/nginx path).
    args: ['-p', `${prefix}/`, '-c', confFile, '-e', path.join(prefix, 'logs', 'error.log'), '-g', 'daemon off;'],
  };
}

/** The nginx binary: $NGINX_BIN, then PATH, then the usual sbin directories; undefined if none. */
export function findNginxBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NGINX_BIN) return existsSync(env.NGINX_BIN) ? env.NGINX_BIN : undefined;
  return firstExisting('nginx', [
    ...(env.PATH ?? '').split(path.delimiter),
    '/usr/sbin',
    '/usr/local/sbin',
    '/usr/local/bin',
  ]);
}

/** The brotli_static module where distributions install it (Debian's package first), if it is there. */
export function findBrotliStaticModule(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return firstExisting(BROTLI_STATIC_MODULE, [
    env.NGINX_MODULES_DIR,
    DEBIAN_MODULES_DIR,
    '/usr/lib64/nginx/modules',
    '/usr/local/nginx/modules',
  ]);
}

/** The first `dir/file` that exists, skipping unset or empty directories. */
function firstExisting(file: string, dirs: Array<string | undefined>): string | undefined {
  return dirs
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => path.join(dir, file))
    .find((candidate) => existsSync(candidate));
}

/** The origin of a URL, for the CSP (e.g. http://localhost:4569/inkwell-assets → http://localhost:4569). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

// ---------------------------------------------------------------------------------------------

function placeholderValues(options: NginxRenderOptions): Record<string, string> {
  for (const [what, upstreams] of [
    ['API', options.apiUpstreams],
    ['web renderer', options.webUpstreams],
  ] as const) {
    if (upstreams.length === 0) throw new Error(`at least one ${what} upstream is needed`);
    for (const upstream of upstreams) {
      if (!/^[\w.-]+:\d+$|^\[[\da-fA-F:]+\]:\d+$/.test(upstream)) {
        throw new Error(`bad ${what} upstream "${upstream}"`);
      }
    }
  }
  const servers = (upstreams: string[]): string =>
    upstreams.map((upstream) => `server ${upstream} max_fails=3 fail_timeout=10s;`).join('\n');
  for (const origin of options.assetOrigins) {
    if (originOf(origin) !== origin) throw new Error(`"${origin}" is not an origin (scheme://host[:port])`);
  }
  const common = {
    CLIENT_BODY_TIMEOUT,
    API_READ_TIMEOUT,
    UNLIMITED_ADDRESSES: '',
    API_UPSTREAMS: servers(options.apiUpstreams),
    WEB_UPSTREAMS: servers(options.webUpstreams),
    WEB_ROOT: quote(options.webRoot),
    ASSET_ORIGIN: options.assetOrigins.join(' '),
    // Images are plain <img> requests (no CORS), so the preconnect carries no crossorigin.
    ASSET_PRECONNECT: options.assetOrigins.map((origin) => `<${origin}>; rel=preconnect`).join(', '),
  };
  if (options.mode === 'local') {
    const brotli = options.brotliStaticModule;
    const timeouts = options.timeouts ?? {};
    for (const value of [timeouts.clientBody, timeouts.apiRead]) {
      if (value !== undefined && !/^\d+(ms|s)$/.test(value)) throw new Error(`bad nginx time "${value}"`);
    }
    return {
      ...common,
      CLIENT_BODY_TIMEOUT: timeouts.clientBody ?? CLIENT_BODY_TIMEOUT,
      API_READ_TIMEOUT: timeouts.apiRead ?? API_READ_TIMEOUT,
      UNLIMITED_ADDRESSES: options.exemptLoopback === false ? '' : '127.0.0.0/8 1;\n::1 1;',
      LOAD_MODULES: brotli ? `load_module ${quote(brotli)};` : '',
      BROTLI_STATIC: brotli ? 'brotli_static on;' : '',
      // Workers run as whoever started the stack. A root master would otherwise hand them to
      // `nobody`, who cannot read a checkout below a private folder (a home directory, say).
      RUN_AS: process.getuid?.() === 0 ? 'user root;' : '',
      WORKER_PROCESSES: '2',
      PID_FILE: 'logs/nginx.pid',
      ERROR_LOG: 'logs/error.log',
      ACCESS_LOG: 'logs/access.log',
      TEMP_PATHS: LOCAL_TEMP_DIRS.map((dir) => `${dir}_temp_path temp/${dir};`).join('\n'),
      PAGE_CACHE_PATH: LOCAL_PAGE_CACHE,
      HTTP_REDIRECT: '',
      LISTEN: `listen ${options.host ?? '127.0.0.1'}:${options.port};`,
      SERVER_NAME: 'localhost',
      TLS: '',
    };
  }
  const logDir = options.logDir ?? '/var/log/nginx';
  return {
    ...common,
    // Where Debian's libnginx-mod-http-brotli-static puts it: production requires it.
    LOAD_MODULES: `load_module ${quote(path.join(DEBIAN_MODULES_DIR, BROTLI_STATIC_MODULE))};`,
    BROTLI_STATIC: 'brotli_static on;',
    RUN_AS: 'user www-data;',
    WORKER_PROCESSES: 'auto',
    PID_FILE: quote(options.pidFile ?? '/run/nginx.pid'),
    ERROR_LOG: quote(path.join(logDir, 'error.log')),
    ACCESS_LOG: quote(path.join(logDir, 'access.log')),
    TEMP_PATHS: '# (the distribution defaults, under /var/lib/nginx)',
    PAGE_CACHE_PATH: quote(options.pageCacheDir ?? '/var/lib/nginx/pages'),
    HTTP_REDIRECT: [
      '# Plain HTTP only redirects to HTTPS, except for ACME (certificate renewal) challenges.',
      '# https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return',
      'server {',
      '  listen 80;',
      '  listen [::]:80;',
      `  server_name ${options.serverName};`,
      '  location /.well-known/acme-challenge/ {',
      '    root /var/www/letsencrypt;',
      '  }',
      '  location / {',
      '    return 301 https://$host$request_uri;',
      '  }',
      '}',
    ].join('\n'),
    // nginx 1.22 (Debian 12) spells HTTP/2 as a listen parameter (the `http2` directive is 1.25.1+).
    LISTEN: ['listen 443 ssl http2;', 'listen [::]:443 ssl http2;'].join('\n'),
    SERVER_NAME: options.serverName,
    TLS: [
      '# https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_certificate',
      `ssl_certificate ${quote(options.tlsCertificate)};`,
      `ssl_certificate_key ${quote(options.tlsCertificateKey)};`,
      'include snippets/tls.conf;',
    ].join('\n'),
  };
}

/**
 * A placeholder alone on its line takes the line's indentation for every line of its value (an
 * empty value removes the line); inside a line, the value must be a single line.
 */
function fill(template: string, values: Record<string, string>, unused: Set<string>, file: string): string {
  const lookup = (name: string): string => {
    const value = values[name];
    if (value === undefined) throw new Error(`${file}: no value for {{${name}}}`);
    unused.delete(name);
    return value;
  };
  return template
    .replace(/^([ \t]*)\{\{([A-Z_]+)\}\}[ \t]*\n/gm, (_, indent: string, name: string) => {
      const value = lookup(name);
      return value === '' ? '' : `${value.replace(/^(?=.)/gm, indent)}\n`;
    })
    .replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
      const value = lookup(name);
      if (value.includes('\n')) throw new Error(`${file}: {{${name}}} must be alone on its line`);
      return value;
    })
    .replace(/\n{3,}/g, '\n\n');
}

function quote(value: string): string {
  if (/["\\\n]/.test(value)) throw new Error(`cannot quote ${JSON.stringify(value)} for nginx`);
  return `"${value}"`;
}

async function listTemplates(sourceDir: string): Promise<string[]> {
  const entries = await readdir(sourceDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(sourceDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => TEMPLATE_FILES.test(file))
    .sort();
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'server-name': { type: 'string' },
      'web-root': { type: 'string' },
      upstream: { type: 'string', multiple: true },
      'web-upstream': { type: 'string', multiple: true },
      replicas: { type: 'string' },
      'page-cache': { type: 'string' },
      'asset-origin': { type: 'string', multiple: true },
      cert: { type: 'string' },
      key: { type: 'string' },
    },
  });
  const env = process.env;
  const paths = repoPaths();
  const serverName = values['server-name'] ?? env.INKWELL_SERVER_NAME ?? 'inkwell.example.org';
  const replicas = Number.parseInt(values.replicas ?? '2', 10);
  const list = (value: string | undefined): string[] | undefined =>
    value
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const local = (firstPort: number): string[] =>
    Array.from({ length: replicas }, (_, index) => `127.0.0.1:${firstPort + index}`);
  const upstreams = values.upstream ?? list(env.INKWELL_API_UPSTREAMS) ?? local(3001);
  const webUpstreams = values['web-upstream'] ?? list(env.INKWELL_WEB_UPSTREAMS) ?? local(3101);
  const assetOrigins = (
    values['asset-origin'] ?? [
      env.ASSET_PUBLIC_BASE_URL ??
        `https://${env.S3_BUCKET ?? 'inkwell-assets'}.s3.${env.S3_REGION ?? 'us-east-1'}.amazonaws.com`,
    ]
  ).map(originOf);
  const outDir = path.resolve(values.out ?? path.join(paths.nginxSource, 'dist'));
  const confFile = await writeNginx(paths.nginxSource, outDir, {
    mode: 'production',
    serverName,
    webRoot: values['web-root'] ?? env.INKWELL_WEB_ROOT ?? '/srv/inkwell/web',
    apiUpstreams: upstreams,
    webUpstreams,
    assetOrigins,
    pageCacheDir: values['page-cache'],
    tlsCertificate: values.cert ?? `/etc/letsencrypt/live/${serverName}/fullchain.pem`,
    tlsCertificateKey: values.key ?? `/etc/letsencrypt/live/${serverName}/privkey.pem`,
  });
  console.log(
    `production nginx config for ${serverName} (${upstreams.length} API, ${webUpstreams.length} renderer upstreams) → ${confFile}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
