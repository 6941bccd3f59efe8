// The whole system on one machine, as `npm start` runs it and as the end-to-end tests start it
// (on other ports, with a temporary data dir): backing services (services.ts), migrations, N API
// replicas, one web renderer per replica (the public pages), and nginx in front; or, without
// nginx, one replica serving the web build itself (the app renders every page in the browser).
// Replicas and renderers that crash are started again (keep-running.ts), and a deploy replaces
// them one at a time (rollingRestart), so no request is dropped.
//
// Each renderer calls its own API replica directly (API_URL), not nginx: in production they run
// side by side on a host, so a page costs no second trip through the front door, nginx never waits
// on a renderer that waits on nginx, and the access log holds visitors' requests only.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@inkwell/local';
import {
  assertPortFree,
  describeExit,
  prefixedOutput,
  runToCompletion,
  spawnManaged,
  waitForHttpOk,
} from './processes.js';
import type { ChildExit, ManagedProcess, OutputSink } from './processes.js';
import { type KeptProcess, keepRunning } from './keep-running.js';
import { findNginxBinary, originOf, prepareLocalNginx } from './nginx/render.js';
import { findRepoRoot, repoPaths } from './paths.js';
import { startBackingServices } from './services.js';

export interface StackOptions {
  /** Repository root; default: found from this file. */
  rootDir?: string;
  /** Holds postgres/, s3/, nginx/, secrets.json; default <root>/.data. */
  dataDir?: string;
  /** The one public port (nginx, or the single replica without nginx); default 8080; 0 = free port. */
  port?: number;
  /** First replica port (then +1, +2 …); default 3001; 0 = free ports. */
  apiPort?: number;
  /** API replicas behind nginx; default 2 (always 1 without nginx). */
  replicas?: number;
  /** Default 54329; 0 = free port. */
  postgresPort?: number;
  /** Default 4569; 0 = free port. */
  s3Port?: number;
  /** Environment the API inherits and that decides what starts locally; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Use nginx: 'auto' (default) when a binary is found, true to require it, false for never. */
  nginx?: boolean | 'auto';
  /** The API entry point; default <root>/api/dist/main.js. */
  apiEntry?: string;
  /** Run api/dist/db/migrate-cli.js once before the replicas, when it exists; default true. */
  migrate?: boolean;
  /** The web build; default <root>/web/dist. */
  webDistDir?: string;
  /** The web renderer's entry point; default <root>/web/dist-server/server.js. */
  webEntry?: string;
  /** First renderer port (then +1, +2 …, one renderer per API replica); default 3101; 0 = free ports. */
  webPort?: number;
  /** First API replica's metrics port (METRICS_PORT, then +1 …); default 9101; 0 = free ports. */
  metricsPort?: number;
  /** First renderer's metrics port (then +1 …); default 9201; 0 = free ports. */
  webMetricsPort?: number;
  /**
   * Run the renderers behind nginx: 'auto' (default) when their build exists, true to require it,
   * false for never. Without them nginx sends the public pages to the app (its fallback).
   */
  renderer?: boolean | 'auto';
  /** Every output line of every child (and our own progress lines, source "inkwell"). */
  output?: OutputSink;
  /** How long a replica may take to report healthy; default 60 s. */
  startTimeoutMs?: number;
  /** Abandons the start (stopping what had started) when aborted, e.g. on Ctrl-C. */
  signal?: AbortSignal;
}

export interface Stack {
  /** Where a browser goes, e.g. http://localhost:8080. */
  readonly url: string;
  /** Each replica directly, e.g. http://127.0.0.1:3001. */
  readonly apiUrls: string[];
  /** Each web renderer directly, e.g. http://127.0.0.1:3101; empty when none runs. */
  readonly webUrls: string[];
  /** Whether nginx fronts the replicas. */
  readonly nginx: boolean;
  /** The variables the replicas were given on top of the inherited environment. */
  readonly apiEnv: Record<string, string>;
  /** The variables every renderer was given (besides its PORT and API_URL); empty when none runs. */
  readonly webEnv: Record<string, string>;
  /** Each replica's and each renderer's Prometheus metrics, e.g. http://127.0.0.1:9101/metrics. */
  readonly apiMetricsUrls: string[];
  readonly webMetricsUrls: string[];
  /** The running process of API replica `index` (or renderer); it changes when one is restarted. */
  apiProcess(index: number): ManagedProcess | undefined;
  webProcess(index: number): ManagedProcess | undefined;
  /**
   * A deploy: each replica in turn (with its renderer, stopped first and started last) drains and
   * stops (SIGTERM: see the API's main.ts), starts again and answers its readiness check; the
   * next goes only once nginx sends requests to this one again. Without nginx the one replica is simply replaced, and requests
   * meanwhile fail.
   */
  rollingRestart(): Promise<void>;
  /**
   * Settles if nginx exits without being asked to, or a replica or renderer keeps crashing and
   * is given up (one that crashes now and then is started again).
   */
  readonly unexpectedExit: Promise<ChildExit>;
  /** nginx (QUIT), the renderers, the replicas (SIGTERM), then PostgreSQL and S3. Safe to call twice. */
  stop(): Promise<void>;
}

const LOCAL_HOST = 'localhost';
const STOP_NGINX_MS = 10_000;
const STOP_API_MS = 15_000;
const STOP_WEB_MS = 10_000;
/**
 * nginx skips a replica that refused connections (max_fails) for fail_timeout (10 s, in
 * conf.d/inkwell.conf; counted in whole seconds, so up to 11), however soon it is back. A deploy
 * waits this long after each replica, so it never takes one down while nginx still skips another.
 */
const NGINX_SKIPS_MS = 12_000;
/** How long a stopping replica keeps answering, each connection closed after its answer. */
const API_DRAIN_MS = 1_000;

/** Starts everything; on failure stops what had started and rejects with the reason. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const paths = repoPaths(options.rootDir ?? findRepoRoot());
  const env = options.env ?? process.env;
  const output = options.output ?? prefixedOutput;
  const log = (line: string): void => output('inkwell', line, 'stdout');
  const dataDir = path.resolve(options.dataDir ?? paths.dataDir);
  const apiEntry = options.apiEntry ?? paths.apiEntry;
  const webDistDir = options.webDistDir ?? paths.webDist;
  const webEntry = options.webEntry ?? paths.webEntry;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;

  const nginxBinary = options.nginx === false ? undefined : findNginxBinary(env);
  if (options.nginx === true && !nginxBinary) throw new Error('nginx is required but no nginx binary was found');
  const useNginx = nginxBinary !== undefined;
  const port = options.port === 0 ? await findFreePort() : (options.port ?? 8080);
  const replicas = useNginx ? Math.max(1, options.replicas ?? 2) : 1;
  const apiPorts = useNginx
    ? await Promise.all(
        Array.from({ length: replicas }, async (_, index) =>
          options.apiPort === 0 ? findFreePort() : (options.apiPort ?? 3001) + index,
        ),
      )
    : [port];
  const url = `http://${LOCAL_HOST}:${port}`;

  if (!existsSync(apiEntry)) throw new Error(`${apiEntry} is missing: run \`npm run build\` first`);
  const rendererBuilt = existsSync(webEntry);
  if (options.renderer === true && !rendererBuilt) {
    throw new Error(`${webEntry} is missing: run \`npm run build\` first`);
  }
  const useRenderer = useNginx && options.renderer !== false && rendererBuilt;
  if (useNginx && options.renderer !== false && !rendererBuilt) {
    log(`warning: ${webEntry} is missing; the app renders the public pages in the browser (npm run build)`);
  }
  // nginx names the renderers' ports even when none runs: it then falls back to the app at once.
  const webPorts = useNginx
    ? await Promise.all(
        apiPorts.map(async (_, index) => (options.webPort === 0 ? findFreePort() : (options.webPort ?? 3101) + index)),
      )
    : [];
  const metricsPorts = await portsFrom(options.metricsPort, 9101, apiPorts.length);
  const webMetricsPorts = useRenderer ? await portsFrom(options.webMetricsPort, 9201, webPorts.length) : [];
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    log(`warning: ${webDistDir}/index.html is missing; the web app will not load (npm run build)`);
  }
  if (useNginx) await assertPortFree(port, 'nginx');
  for (const apiPort of apiPorts) await assertPortFree(apiPort, 'API');
  if (useRenderer) for (const webPort of webPorts) await assertPortFree(webPort, 'web renderer');
  for (const metricsPort of [...metricsPorts, ...webMetricsPorts]) await assertPortFree(metricsPort, 'metrics');
  if (!useNginx) {
    log('nginx was not found: one API replica serves the web build itself (install nginx for the real topology)');
  }

  const corsOrigins = [url, `http://127.0.0.1:${port}`];
  const services = await startBackingServices({
    dataDir,
    env,
    postgresPort: options.postgresPort,
    s3Port: options.s3Port,
    corsOrigins,
    log,
  });
  const apiEnv: Record<string, string> = {
    ...services.env,
    CORS_ORIGINS: env.CORS_ORIGINS || corsOrigins.join(','),
    WEB_DIST_DIR: webDistDir,
    LOG_LEVEL: env.LOG_LEVEL || 'info',
    SHUTDOWN_DELAY_MS: env.SHUTDOWN_DELAY_MS || String(API_DRAIN_MS),
  };

  // The renderer gets what it needs and no more: no database or storage credentials.
  const webEnv: Record<string, string> = useRenderer
    ? { HOST: '127.0.0.1', PUBLIC_ORIGIN: url, WEB_DIST: webDistDir, LOG_LEVEL: env.LOG_LEVEL || 'info' }
    : {};

  let nginx: ManagedProcess | undefined;
  const replicaSlots: KeptProcess[] = [];
  const renderers: KeptProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const errors: unknown[] = [];
      // Stop taking requests first, then let the renderers finish theirs (they call the API),
      // then the replicas, then the data stores.
      if (nginx) await nginx.stop('SIGQUIT', STOP_NGINX_MS);
      await Promise.all(renderers.map((renderer) => renderer.stop()));
      await Promise.all(replicaSlots.map((replica) => replica.stop()));
      await services.stop().catch((error: unknown) => errors.push(error));
      if (errors.length > 0) throw errors[0];
    })());

  try {
    const childEnv = { ...env, ...apiEnv };
    const apiDir = path.dirname(path.dirname(apiEntry)); // api/dist/main.js → api/

    // The API migrates at start-up too; one run up front keeps replicas from racing each other.
    if ((options.migrate ?? true) && existsSync(paths.migrateCli)) {
      log('running database migrations');
      await runToCompletion('migrate', process.execPath, [paths.migrateCli], { cwd: apiDir, env: childEnv, output });
    }

    replicaSlots.push(
      ...(await startAll(
        apiPorts.map((apiPort, index) =>
          keepRunning({
            name: `api-${index + 1}`,
            spawn: () =>
              spawnManaged(`api-${index + 1}`, process.execPath, [apiEntry], {
                cwd: apiDir,
                env: { ...childEnv, PORT: String(apiPort), METRICS_PORT: String(metricsPorts[index]) },
                output,
              }),
            // Ready, not merely alive: migrated, connected, not stopping (openapi/paths/health_ready.yaml).
            ready: (replica) =>
              waitForHttpOk(`http://127.0.0.1:${apiPort}/api/v1/health/ready`, {
                timeoutMs: startTimeoutMs,
                process: replica,
                signal: options.signal,
              }),
            stopSignal: 'SIGTERM',
            stopTimeoutMs: STOP_API_MS,
            log,
          }),
        ),
        replicaSlots,
      )),
    );
    log(`API healthy: ${apiPorts.map((apiPort) => `127.0.0.1:${apiPort}`).join(', ')}`);

    if (useRenderer) {
      const webDir = path.dirname(path.dirname(webEntry)); // web/dist-server/server.js → web/
      renderers.push(
        ...(await startAll(
          webPorts.map((webPort, index) =>
            keepRunning({
              name: `web-${index + 1}`,
              spawn: () =>
                spawnManaged(`web-${index + 1}`, process.execPath, [webEntry], {
                  cwd: webDir,
                  env: {
                    ...env,
                    ...webEnv,
                    PORT: String(webPort),
                    METRICS_PORT: String(webMetricsPorts[index]),
                    API_URL: `http://127.0.0.1:${apiPorts[index]}/api/v1`,
                  },
                  output,
                }),
              ready: (renderer) =>
                waitForHttpOk(`http://127.0.0.1:${webPort}/healthz`, {
                  timeoutMs: startTimeoutMs,
                  process: renderer,
                  signal: options.signal,
                }),
              stopSignal: 'SIGTERM',
              stopTimeoutMs: STOP_WEB_MS,
              log,
            }),
          ),
          renderers,
        )),
      );
      log(`web renderers healthy: ${webPorts.map((webPort) => `127.0.0.1:${webPort}`).join(', ')}`);
    }

    if (nginxBinary) {
      const assetBaseUrl = apiEnv.ASSET_PUBLIC_BASE_URL || env.ASSET_PUBLIC_BASE_URL;
      const local = await prepareLocalNginx(paths.nginxSource, path.join(dataDir, 'nginx'), {
        port,
        apiUpstreams: apiPorts.map((apiPort) => `127.0.0.1:${apiPort}`),
        webUpstreams: webPorts.map((webPort) => `127.0.0.1:${webPort}`),
        webRoot: webDistDir,
        assetOrigins: assetBaseUrl ? [originOf(assetBaseUrl)] : [],
      });
      nginx = spawnManaged('nginx', nginxBinary, local.args, { cwd: local.prefixDir, env, output });
      await waitForHttpOk(`http://127.0.0.1:${port}/api/v1/health`, {
        timeoutMs: 15_000,
        process: nginx,
        signal: options.signal,
      });
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  const never = new Promise<ChildExit>(() => undefined);
  const running = nginx;
  const nginxCrash = running ? running.exited.then((exit) => (running.stopping ? never : exit)) : never;
  const unexpectedExit = Promise.race([nginxCrash, ...[...replicaSlots, ...renderers].map((kept) => kept.gaveUp)]);
  void unexpectedExit.then((exit) => log(`${describeExit(exit)} unexpectedly`));

  return {
    url,
    apiUrls: apiPorts.map((apiPort) => `http://127.0.0.1:${apiPort}`),
    webUrls: useRenderer ? webPorts.map((webPort) => `http://127.0.0.1:${webPort}`) : [],
    apiMetricsUrls: metricsPorts.map((metricsPort) => `http://127.0.0.1:${metricsPort}/metrics`),
    webMetricsUrls: webMetricsPorts.map((metricsPort) => `http://127.0.0.1:${metricsPort}/metrics`),
    apiProcess: (index) => replicaSlots[index]?.current(),
    webProcess: (index) => renderers[index]?.current(),
    nginx: useNginx,
    apiEnv,
    webEnv,
    unexpectedExit,
    async rollingRestart() {
      for (const [index, replica] of replicaSlots.entries()) {
        const renderer = renderers[index];
        log(`deploy: replacing ${[replica.name, renderer?.name].filter(Boolean).join(' and ')}`);
        // The renderer calls this replica alone: it is out too meanwhile, so nginx sends pages to
        // the other renderers instead of one that could only answer with the app's fallback.
        if (renderer) await renderer.replace(() => replica.replace());
        else await replica.replace();
        if (nginx) await sleep(NGINX_SKIPS_MS);
        log(`deploy: ${replica.name} replaced`);
      }
    },
    stop,
  };
}

/** `count` ports from `base` (default `fallback`), or free ones when `base` is 0. */
async function portsFrom(base: number | undefined, fallback: number, count: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => (base === 0 ? findFreePort() : (base ?? fallback) + index)),
  );
}

/**
 * Starts every child at once; when one fails to come up, stops those that did (adding them to
 * `started` first, so a stop of the stack finds them) and rejects with the first failure.
 */
async function startAll(starts: Promise<KeptProcess>[], started: KeptProcess[]): Promise<KeptProcess[]> {
  const results = await Promise.allSettled(starts);
  const up = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (!failed) return up;
  started.push(...up);
  throw failed.reason;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
