// Inkwell on each Node version it supports (20.19+, 22 and 24; see the README). For the Node that
// runs this script and for the newest 22 and 24 (the npm registry's `node` package, through npx),
// one after the other: prints the version, runs the API's test suite under it (`npm test -w api`
// with that Node first on PATH), then starts a throwaway stack under it (nginx, an API replica and
// a renderer, embedded PostgreSQL, local S3), loads the home page, the health check, the article
// list and an article page through nginx, and stops it. Fails when a test fails, a page does not
// answer 200, a step overruns its time, or a line on stderr, of any process of the stack or of the
// script that started it, mentions a warning (a dependency's DeprecationWarning, a notice that a
// version is unsupported): those lines are listed. Exits 1 on any failure.
//
// Usage: npm run node-versions -w tools   (after `npm run build`; DATABASE_URL as for the API tests)
//   --stack   the stack step alone, under the Node running it (each version's run starts this)
//   --skip-tests-here   no API tests under the running Node: they just ran (CI, after `npm test`)
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { repoPaths } from './paths.js';
import { type OutputSink, describeExit, prefixedOutput, spawnManaged } from './processes.js';
import { explain, runSupervised } from './supervise.js';
import { startThrowawayStack } from './throwaway-stack.js';

/** Besides the Node running this script. */
const OTHER_MAJORS = ['22', '24'];
// The API suite took five to six minutes per version on a busy two-core machine.
const TESTS_TIMEOUT_MS = 10 * 60_000;
const STACK_TIMEOUT_MS = 4 * 60_000;
const NPX_TIMEOUT_MS = 3 * 60_000;
const STOP_GRACE_MS = 20_000;
const REQUEST_TIMEOUT_MS = 15_000;
const WARNING = /warning/i;

interface NodeBinary {
  major: string;
  version: string;
  path: string;
}

const { values } = parseArgs({
  options: {
    stack: { type: 'boolean', default: false },
    'skip-tests-here': { type: 'boolean', default: false },
  },
});
const root = repoPaths().root;

await runSupervised(async (shutdown) => {
  const aborted = new AbortController();
  void shutdown.then(() => aborted.abort());
  try {
    return values.stack ? await checkStackHere(aborted.signal) : await checkEveryVersion(aborted.signal);
  } catch (error) {
    console.error(explain(error));
    return 1;
  }
});

async function checkEveryVersion(signal: AbortSignal): Promise<number> {
  const failures: string[] = [];
  for (const major of majorsToCheck()) {
    const node = await nodeBinary(major);
    console.log(`\n== Node ${node.version} (${node.path})`);
    const here = node.path === process.execPath;
    const tests = here && values['skip-tests-here'] ? undefined : await runApiTests(node, signal);
    if (tests) failures.push(`Node ${node.version}, API tests: ${tests}`);
    const stack = await runStackCheck(node, signal);
    failures.push(...stack.map((problem) => `Node ${node.version}, stack: ${problem}`));
    signal.throwIfAborted();
  }
  console.log(failures.length === 0 ? '\nevery Node version passed' : `\n${failures.length} failed:`);
  for (const failure of failures) console.log(`  ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

/** The running Node's major version first, then the others we support, each once. */
function majorsToCheck(): string[] {
  const running = process.versions.node.split('.')[0] ?? '';
  return [running, ...OTHER_MAJORS.filter((major) => major !== running)];
}

/** The running Node, or the newest release of `major` from the npm registry (cached by npx). */
async function nodeBinary(major: string): Promise<NodeBinary> {
  if (process.versions.node.startsWith(`${major}.`)) {
    return { major, version: process.version, path: process.execPath };
  }
  const { stdout } = await promisify(execFile)(
    'npx',
    ['--yes', `node@${major}`, '-p', 'JSON.stringify([process.version, process.execPath])'],
    { timeout: NPX_TIMEOUT_MS },
  );
  const [version, binary] = JSON.parse(stdout) as [string, string];
  return { major, version, path: binary };
}

/** `npm test -w api` with the folder of `node` first on PATH, so npm, jest and its workers run on it. */
async function runApiTests(node: NodeBinary, signal: AbortSignal): Promise<string | undefined> {
  const env = { ...process.env, PATH: `${path.dirname(node.path)}${path.delimiter}${process.env.PATH ?? ''}` };
  return runStep(`jest-${node.major}`, 'npm', ['test', '-w', 'api'], {
    env,
    timeoutMs: TESTS_TIMEOUT_MS,
    signal,
    // npm → sh → jest → workers: stopping it means stopping the whole group.
    processGroup: true,
  });
}

/** This script's --stack step under `node`; every problem, warnings on stderr included. */
async function runStackCheck(node: NodeBinary, signal: AbortSignal): Promise<string[]> {
  const warnings: string[] = [];
  const problem = await runStep(
    `node-${node.major}`,
    node.path,
    [...process.execArgv, process.argv[1] ?? '', '--stack'],
    {
      env: process.env,
      timeoutMs: STACK_TIMEOUT_MS,
      signal,
      output: (source, line, stream) => {
        if (stream === 'stderr' && WARNING.test(line)) warnings.push(line);
        prefixedOutput(source, line, stream);
      },
    },
  );
  return [...(problem ? [problem] : []), ...warnings.map((line) => `warning on stderr: ${line}`)];
}

/**
 * Runs one step to its end, or stops it when it overruns `timeoutMs` or `signal` aborts; returns
 * what went wrong, or undefined when it exited 0.
 */
async function runStep(
  name: string,
  command: string,
  args: string[],
  options: {
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    signal: AbortSignal;
    processGroup?: boolean;
    output?: OutputSink;
  },
): Promise<string | undefined> {
  const child = spawnManaged(name, command, args, {
    cwd: root,
    env: options.env,
    output: options.output ?? prefixedOutput,
    processGroup: options.processGroup,
  });
  let overran = false;
  const stop = (): void => void child.stop('SIGTERM', STOP_GRACE_MS);
  const timer = setTimeout(() => {
    overran = true;
    stop();
  }, options.timeoutMs);
  options.signal.addEventListener('abort', stop, { once: true });
  const exit = await child.exited;
  clearTimeout(timer);
  options.signal.removeEventListener('abort', stop);
  await child.stop('SIGTERM', STOP_GRACE_MS); // whatever it left behind in its group
  if (overran) return `${name} did not finish within ${options.timeoutMs / 60_000} min`;
  return exit.code === 0 ? undefined : describeExit(exit);
}

/** The --stack step: a throwaway stack under this Node, four pages through nginx, stopped again. */
async function checkStackHere(signal: AbortSignal): Promise<number> {
  const log = (line: string): void => prefixedOutput('check', line, 'stdout');
  log(`starting a stack on Node ${process.version}`);
  const stack = await startThrowawayStack({
    name: 'node-versions',
    env: { LOG_LEVEL: 'warn' }, // `npm start`'s defaults, without the request log
    replicas: 1,
    nginx: true,
    renderer: true,
    signal,
    output: prefixedOutput,
  });
  try {
    const title = `Written on Node ${process.version}`;
    const slug = await publishArticle(stack.url, title, signal);
    const pages = ['/', '/api/v1/health', '/api/v1/articles', `/article/${slug}`];
    const problems: string[] = [];
    for (const page of pages) {
      const response = await fetch(`${stack.url}${page}`, { signal: timeoutOr(signal) });
      const body = await response.text();
      log(`GET ${page}: ${response.status}`);
      if (response.status !== 200) problems.push(`GET ${page} answered ${response.status}`);
      // The app's empty shell would answer 200 too: the title shows the renderer served the page.
      else if (page.startsWith('/article/') && !body.includes(title)) problems.push(`GET ${page} lacks the title`);
    }
    for (const problem of problems) console.error(problem);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await stack.stop();
    log('stopped');
  }
}

/** Signs a user up and publishes an article through nginx; returns its slug. */
async function publishArticle(origin: string, title: string, signal: AbortSignal): Promise<string> {
  const { user } = await postJson<{ user: { token: string } }>(`${origin}/api/v1/users`, signal, {
    user: { username: 'nodeversions', email: 'node-versions@example.com', password: 'node-versions-1' },
  });
  const { article } = await postJson<{ article: { slug: string } }>(
    `${origin}/api/v1/articles`,
    signal,
    { article: { title, description: 'A page to render', body: 'Rendered on the server.' } },
    user.token,
  );
  return article.slug;
}

async function postJson<T>(url: string, signal: AbortSignal, json: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
    body: JSON.stringify(json),
    signal: timeoutOr(signal),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function timeoutOr(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
}
