// `npm run dev`: work on the API and the web app with reloads.
// Same local services as `npm start` (embedded PostgreSQL, local S3, dev JWT secret, all under
// .data/; see services.ts), then the API under `tsx watch` on 3001 and the web app's dev server
// (web/src/server/dev.ts): Vite as middleware with hot reload, the public pages rendered on the
// server from source as the renderer does in production (signed-in browsers get the app, as
// nginx decides), /api/v1 proxied to API_PROXY_TARGET. Ctrl-C stops the web, the API, then the
// services.
//
// Usage: node --import tsx tools/src/dev.ts   (what the root `npm run dev` runs)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoPaths } from './paths.js';
import { assertPortFree, describeExit, prefixedOutput, spawnManaged, waitForHttpOk } from './processes.js';
import { startBackingServices } from './services.js';
import { explain, runSupervised } from './supervise.js';

const API_PORT = 3001;
const VITE_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

await runSupervised(async (shutdown) => {
  const paths = repoPaths();
  const env = process.env;
  const output = prefixedOutput;
  const log = (line: string): void => output('inkwell', line, 'stdout');

  const apiMain = path.join(paths.apiDir, 'src', 'main.ts');
  if (!existsSync(apiMain)) throw new Error(`${apiMain} is missing`);
  await assertPortFree(API_PORT, 'API');

  const services = await startBackingServices({
    dataDir: paths.dataDir,
    env,
    corsOrigins: VITE_ORIGINS,
    log,
  });
  const apiUrl = `http://127.0.0.1:${API_PORT}`;
  const colour = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};

  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  const api = spawnManaged('api', process.execPath, [tsxCli, 'watch', '--clear-screen=false', 'src/main.ts'], {
    cwd: paths.apiDir,
    env: {
      ...env,
      ...colour,
      ...services.env,
      PORT: String(API_PORT),
      CORS_ORIGINS: env.CORS_ORIGINS || VITE_ORIGINS.join(','),
      WEB_DIST_DIR: paths.webDist,
      LOG_LEVEL: env.LOG_LEVEL || 'debug',
    },
    output,
  });
  const npmCli = env.npm_execpath;
  const [npmCommand, npmArgs] = npmCli?.endsWith('.js') ? [process.execPath, [npmCli]] : ['npm', [] as string[]];
  const web = spawnManaged('web', npmCommand, [...npmArgs, 'run', 'dev', '-w', 'web'], {
    cwd: paths.root,
    env: { ...env, ...colour, API_PROXY_TARGET: apiUrl },
    output,
    processGroup: true,
  });

  const stop = async (): Promise<void> => {
    await web.stop('SIGTERM', 10_000);
    await api.stop('SIGTERM', 15_000);
    await services.stop();
  };

  // Not awaited: a broken API is no reason to stop, tsx watch restarts it once the code is fixed.
  waitForHttpOk(`${apiUrl}/api/v1/health`, { timeoutMs: 60_000, process: api }).then(
    () => log(`API ready at ${apiUrl}/api/v1 (reloads on change); the web app is on http://localhost:5173`),
    (error: unknown) => log(`the API is not healthy yet: ${explain(error)}`),
  );

  const reason = await Promise.race([shutdown, api.exited.then(describeExit), web.exited.then(describeExit)]);
  log(`stopping (${reason})`);
  await stop();
  log('stopped');
  return ['SIGINT', 'SIGTERM', 'SIGHUP'].includes(reason) ? 0 : 1;
});
