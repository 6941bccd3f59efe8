// The whole system on one machine, as `npm start` runs it and as the end-to-end tests start it
// (on other ports, with a temporary data dir): backing services (services.ts), migrations, N API
// replicas, one web renderer per replica (the public pages), and nginx in front; or, without
// nginx, one replica serving the web build itself (the app renders every page in the browser).
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
  /** Settles if nginx, a renderer or a replica exits without being asked to. */
  readonly unexpectedExit: Promise<ChildExit>;
  /** nginx (QUIT), the renderers, the replicas (SIGTERM), then PostgreSQL and S3. Safe to call twice. */
  stop(): Promise<void>;
}

const LOCAL_HOST = 'localhost';
const STOP_NGINX_MS = 10_000;
const STOP_API_MS = 15_000;
const STOP_WEB_MS = 10_000;

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
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    log(`warning: ${webDistDir}/index.html is missing; the web app will not load (npm run build)`);
  }
  if (useNginx) await assertPortFree(port, 'nginx');
  for (const apiPort of apiPorts) await assertPortFree(apiPort, 'API');
  if (useRenderer) for (const webPort of webPorts) await assertPortFree(webPort, 'web renderer');
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
  };

  // The renderer gets what it needs and no more: no database or storage credentials.
  const webEnv: Record<string, string> = useRenderer
    ? { HOST: '127.0.0.1', PUBLIC_ORIGIN: url, WEB_DIST: webDistDir, LOG_LEVEL: env.LOG_LEVEL || 'info' }
    : {};

  const children: ManagedProcess[] = [];
  let nginx: ManagedProcess | undefined;
  const replicaProcesses: ManagedProcess[] = [];
  const rendererProcesses: ManagedProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const errors: unknown[] = [];
      // Stop taking requests first, then let the renderers finish theirs (they call the API),
      // then the replicas, then the data stores.
      if (nginx) await nginx.stop('SIGQUIT', STOP_NGINX_MS);
      await Promise.all(rendererProcesses.map((renderer) => renderer.stop('SIGTERM', STOP_WEB_MS)));
      await Promise.all(replicaProcesses.map((replica) => replica.stop('SIGTERM', STOP_API_MS)));
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

    for (const [index, apiPort] of apiPorts.entries()) {
      const replica = spawnManaged(`api-${index + 1}`, process.execPath, [apiEntry], {
        cwd: apiDir,
        env: { ...childEnv, PORT: String(apiPort) },
        output,
      });
      replicaProcesses.push(replica);
      children.push(replica);
    }
    await Promise.all(
      replicaProcesses.map((replica, index) =>
        waitForHttpOk(`http://127.0.0.1:${apiPorts[index]}/api/v1/health`, {
          timeoutMs: startTimeoutMs,
          process: replica,
          signal: options.signal,
        }),
      ),
    );
    log(`API healthy: ${apiPorts.map((apiPort) => `127.0.0.1:${apiPort}`).join(', ')}`);

    if (useRenderer) {
      const webDir = path.dirname(path.dirname(webEntry)); // web/dist-server/server.js → web/
      for (const [index, webPort] of webPorts.entries()) {
        const renderer = spawnManaged(`web-${index + 1}`, process.execPath, [webEntry], {
          cwd: webDir,
          env: {
            ...env,
            ...webEnv,
            PORT: String(webPort),
            API_URL: `http://127.0.0.1:${apiPorts[index]}/api/v1`,
          },
          output,
        });
        rendererProcesses.push(renderer);
        children.push(renderer);
      }
      await Promise.all(
        rendererProcesses.map((renderer, index) =>
          waitForHttpOk(`http://127.0.0.1:${webPorts[index]}/healthz`, {
            timeoutMs: startTimeoutMs,
            process: renderer,
            signal: options.signal,
          }),
        ),
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
      children.push(nginx);
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

  const unexpectedExit = Promise.race(
    children.map((child) =>
      child.exited.then((exit) => (child.stopping ? new Promise<ChildExit>(() => undefined) : exit)),
    ),
  );
  void unexpectedExit.then((exit) => log(`${describeExit(exit)} unexpectedly`));

  return {
    url,
    apiUrls: apiPorts.map((apiPort) => `http://127.0.0.1:${apiPort}`),
    webUrls: useRenderer ? webPorts.map((webPort) => `http://127.0.0.1:${webPort}`) : [],
    nginx: useNginx,
    apiEnv,
    webEnv,
    unexpectedExit,
    stop,
  };
}
