// Read-path benchmark: a throwaway stack (bench/bench-stack.ts) seeded with 10,000 articles, then
// autocannon against the API's list, tag, article, comments, feed and tags reads, and against the
// server-rendered article page through nginx (rendered for each request, and from the
// micro-cache), each against its goal; the renderer's memory across 10,000 renders; then a
// reseed to 100,000 articles and the list again, which must cost about the same; then, on that
// data, ten clients searching as expensively as the API allows while readers keep reading
// (bench/search-abuse.ts). Prints a Markdown table; exits 1 when a goal is missed (unless
// --no-fail). Traffic goes to 127.0.0.1 only; everything it started is stopped and its data
// removed at the end.
//
// Usage: npm run bench -w tools -- [--no-fail] [--duration 10] [--warmup 2] [--connections 10]
//                                  [--rounds 1] [--articles 10000] [--large 100000 (0 skips)]
//                                  [--renders 10000] [--only list,tag,article,comments,feed,tags,
//                                   edge-list,page-miss,page-hit,page-memory,list-large,
//                                   write-article,write-comment,write-favorite,search-abuse]
//   edge-list is the anonymous list through nginx; the write targets run last (they add rows).
//   search-abuse runs on the --large data set when there is one (--large 0: on --articles).
//   --rounds N measures each target N times and reports the best round (for a busy machine).
//   Needs the builds (npm run build); the page targets need nginx too. DATABASE_URL: use a fresh
//   database on that server instead of an embedded PostgreSQL. DATABASE_POOL_MAX is passed on to
//   the API.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchStack } from './bench/bench-stack.js';
import { ownProbe, postgresProbe, processProbe, processTreeProbe } from './bench/cpu.js';
import type { BenchStack } from './bench/bench-stack.js';
import { type LoadSettings, type Measurement, type Probes, measure } from './bench/measure.js';
import { type MemoryCheck, checkRendererMemory, memoryLine } from './bench/memory.js';
import { resultsTable, setupLine } from './bench/report.js';
import { SEARCH_ABUSE_ID, type SearchAbuseReport, measureSearchAbuse } from './bench/search-abuse.js';
import {
  type Target,
  edgeTargets,
  listTarget,
  mainTargets,
  pageTargets,
  pickFixtures,
  writeTargets,
} from './bench/targets.js';
import { prefixedOutput } from './processes.js';
import { signIn } from './seed/images.js';
import { seedDatabase } from './seed/seed-database.js';
import { explain, runSupervised } from './supervise.js';

/** The whole run stops by itself after this long, whatever happens. */
const TIME_LIMIT_MS = 30 * 60_000;

const { values } = parseArgs({
  options: {
    'no-fail': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    articles: { type: 'string', default: '10000' },
    large: { type: 'string', default: '100000' },
    renders: { type: 'string', default: '10000' },
    only: { type: 'string' },
  },
});

function count(name: string, min: number, max: number): number {
  const raw = values[name as keyof typeof values] as string;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const settings: LoadSettings = {
  duration: count('duration', 1, 120),
  warmup: count('warmup', 0, 60),
  connections: count('connections', 1, 1000),
  rounds: count('rounds', 1, 10),
};
const articles = count('articles', 100, 1_000_000);
const large = count('large', 0, 1_000_000);
const renders = count('renders', 100, 1_000_000);
const only = values.only?.split(',').map((id) => id.trim());
const wantedId = (id: string): boolean => only === undefined || only.includes(id);
const PAGE_IDS = ['page-miss', 'page-hit', 'page-memory', 'edge-list'];
/** The renderer's resident memory may grow this much over the renders, after the warm-up. */
const MAX_RSS_GROWTH = 0.2;

await runSupervised(async (shutdown) => {
  const log = (line: string): void => prefixedOutput('bench', line, 'stdout');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'inkwell-bench-'));
  // PostgreSQL runs as another user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  let stack: BenchStack | undefined;
  const timeLimit = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`the benchmark took longer than ${TIME_LIMIT_MS / 60_000} minutes`)),
      TIME_LIMIT_MS,
    ).unref(),
  );
  const stopped = shutdown.then((reason): never => {
    throw new Error(`stopped (${reason})`);
  });

  const run = async (): Promise<boolean> => {
    log(
      `load average before: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    stack = await startBenchStack({ dataDir, env: process.env, log, site: PAGE_IDS.some(wantedId) });
    log(`API at ${stack.apiUrl} (NODE_ENV=production, LOG_LEVEL=warn), ${stack.database}`);
    const password = randomBytes(12).toString('base64url');
    const seed = async (count: number, force: boolean): Promise<number> => {
      const result = await seedDatabase({
        databaseUrl: stack!.databaseUrl,
        articles: count,
        password,
        apiUrl: stack!.apiUrl,
        force,
        log: (line) => prefixedOutput('seed', line, 'stdout'),
      });
      const seconds = Object.values(result.timings).reduce((sum, value) => sum + value, 0);
      log(
        `seeded ${count.toLocaleString('en')} articles in ${seconds.toFixed(1)} s (${JSON.stringify(result.timings)})`,
      );
      return seconds;
    };

    await seed(articles, false);
    const fixtures = await pickFixtures(stack.databaseUrl);
    const token = await signIn(stack.apiUrl, fixtures.reader.email, password);
    const probes: Probes = {
      api: processProbe(stack.apiPid),
      db: stack.postgresDataDir ? postgresProbe(stack.postgresDataDir) : async () => Number.NaN,
      load: ownProbe(),
      ...(stack.site
        ? { web: processProbe(stack.site.rendererPid), nginx: processTreeProbe(stack.site.nginxPid) }
        : {}),
    };
    const bases = { api: stack.apiUrl, site: stack.site?.url };
    const wanted = (target: Target): boolean => wantedId(target.id);
    const measurements: Measurement[] = [];
    const targets = [
      ...mainTargets(fixtures, token, articles),
      ...edgeTargets(articles),
      ...pageTargets(fixtures),
      ...writeTargets(fixtures, token),
    ];
    for (const target of targets.filter(wanted)) {
      log(`measuring ${target.label}`);
      measurements.push(await measure(bases, probes, target, settings));
    }

    let memory: MemoryCheck | undefined;
    if (stack.site && wantedId('page-memory')) {
      const warmupRenders = Math.max(100, Math.round(renders / 5));
      log(
        `renderer memory: ${warmupRenders.toLocaleString('en')} warm-up renders, then ${renders.toLocaleString('en')}`,
      );
      memory = await checkRendererMemory({
        rendererUrl: stack.site.rendererUrl,
        pid: stack.site.rendererPid,
        paths: fixtures.slugs.map((slug) => `/article/${slug}`),
        warmupRenders,
        renders,
        connections: settings.connections,
        maxGrowth: MAX_RSS_GROWTH,
      });
    }

    const largeTarget = listTarget('list-large', large);
    const searchAbuse = wantedId(SEARCH_ABUSE_ID);
    let largeSeedSeconds: number | undefined;
    if (large > 0 && (wanted(largeTarget) || searchAbuse)) {
      log(`reseeding with ${large.toLocaleString('en')} articles`);
      largeSeedSeconds = await seed(large, true);
      if (wanted(largeTarget)) {
        log(`measuring ${largeTarget.label} again`);
        measurements.push(await measure(bases, probes, largeTarget, settings));
      }
    }
    let abuse: SearchAbuseReport | undefined;
    if (searchAbuse) {
      const current = await pickFixtures(stack.databaseUrl);
      abuse = await measureSearchAbuse(stack.apiUrl, stack.databaseUrl, current, settings, log);
    }

    console.log(`
${setupLine(settings)}

${resultsTable(measurements)}
`);
    if (memory)
      console.log(`${memoryLine(memory)}
`);
    if (abuse)
      console.log(`${abuse.text}
`);
    const small = measurements.find((m) => m.target.id === 'list');
    const big = measurements.find((m) => m.target.id === 'list-large');
    if (small && big) {
      console.log(
        `list at ${large.toLocaleString('en')} vs ${articles.toLocaleString('en')} articles: ` +
          `${((big.rps / small.rps) * 100).toFixed(0)} % of the throughput, p99 ${big.p99Ms} vs ${small.p99Ms} ms`,
      );
    }
    if (largeSeedSeconds !== undefined) {
      console.log(`seeding ${large.toLocaleString('en')} articles took ${largeSeedSeconds.toFixed(1)} s`);
    }
    const missed = [
      ...measurements.filter((m) => !m.passed).map((m) => m.target.id),
      ...(memory && !memory.passed ? ['page-memory'] : []),
    ];
    if (abuse && !abuse.passed) missed.push(SEARCH_ABUSE_ID);
    if (missed.length > 0) console.log(`missed: ${missed.join(', ')}`);
    return missed.length === 0;
  };

  const running = run();
  try {
    const passed = await Promise.race([running, stopped, timeLimit]);
    return passed || values['no-fail'] ? 0 : 1;
  } catch (error) {
    console.error(explain(error));
    return 1;
  } finally {
    // A stop or the time limit may come while the stack is still starting: let that step end first.
    await Promise.race([running.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
