// `npm start`: the whole system on this machine, after `turbo run build`.
// Starts what the environment does not provide (PostgreSQL, S3, a JWT secret; see services.ts),
// N API replicas on 3001.., N web renderers (the public pages) on 3101.., and nginx on port 8080
// in front of them and the web build. Without nginx, one replica serves everything on 8080 and
// the app renders every page in the browser. Ctrl-C stops it all; the next run reuses .data/.
//
// Usage: node tools/dist/start.js [--replicas N] [--seed]
//   PORT overrides 8080. DATABASE_URL, S3_ENDPOINT (empty = AWS), S3_BUCKET, S3_REGION,
//   ASSET_PUBLIC_BASE_URL, JWT_SECRET, CORS_ORIGINS, LOG_LEVEL are honoured when set.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { repoPaths } from './paths.js';
import { describeExit, prefixedOutput, runToCompletion } from './processes.js';
import { startStack } from './stack.js';
import { explain, runSupervised } from './supervise.js';

const { values } = parseArgs({
  options: {
    replicas: { type: 'string', default: '2' },
    seed: { type: 'boolean', default: false },
  },
});
const replicas = Number.parseInt(values.replicas, 10);
if (!Number.isInteger(replicas) || replicas < 1) {
  console.error(`--replicas must be a positive integer, not "${values.replicas}"`);
  process.exit(2);
}
const port = process.env.PORT ? Number(process.env.PORT) : 8080;
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(2);
}

await runSupervised(async (shutdown) => {
  const log = (line: string): void => prefixedOutput('inkwell', line, 'stdout');
  const aborted = new AbortController();
  void shutdown.then(() => aborted.abort());
  const stack = await startStack({ port, replicas, signal: aborted.signal });

  const paths = repoPaths();
  if (values.seed) {
    if (existsSync(paths.seedScript)) {
      log('seeding');
      try {
        await runToCompletion('seed', process.execPath, [paths.seedScript], {
          cwd: paths.root,
          env: { ...process.env, ...stack.apiEnv, INKWELL_URL: stack.url, API_URL: `${stack.url}/api/v1` },
          output: prefixedOutput,
        });
      } catch (error) {
        log(explain(error));
      }
    } else {
      log('--seed: there is no seeder yet (tools/dist/seed.js); skipped');
    }
  }

  console.log(`\nInkwell is running at ${stack.url}\n(Ctrl-C stops it)\n`);

  const reason = await Promise.race([shutdown, stack.unexpectedExit.then(describeExit)]);
  log(`stopping (${reason})`);
  await stack.stop();
  log('stopped');
  return reason === 'SIGINT' || reason === 'SIGTERM' || reason === 'SIGHUP' ? 0 : 1;
});
