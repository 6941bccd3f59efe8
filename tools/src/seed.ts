// Fills the database with a generated, realistic data set: users with bios (some with avatars),
// follows, articles with Markdown bodies and Zipf-distributed tags, favorites and comments, with
// every counter the schema maintains kept exact. Deterministic for a given --random-seed.
//
// Usage: npm run seed -w tools -- [--articles N] [--users N] [--random-seed N] [--force]
//                                 [--api-url URL] [--password P]
//   Without --articles: a demo set of 12 users and 60 articles (what `npm start -- --seed` runs).
//   The database: DATABASE_URL, else the embedded PostgreSQL of `npm start` (.data/postgres).
//   Images (avatars, covers) are uploaded through the API at --api-url or API_URL
//   (e.g. http://localhost:8080/api/v1); without one the data has none.
//   Every seeded user has the same password: --password, SEED_PASSWORD, the one saved by an
//   earlier seed in .data/seed-login.json, or a new random one (printed and saved there).
//   A database that was seeded before is left alone unless --force (which replaces the seeded
//   users and their content; other users' data stays).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoPaths } from './paths.js';
import { defaultUserCount } from './seed/plan.js';
import { type SeedResult, seedDatabase } from './seed/seed-database.js';
import { migrate, openTargetDatabase } from './seed/target-database.js';
import { explain } from './supervise.js';

const DEMO = { articles: 60, users: 12 };

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    users: { type: 'string' },
    'random-seed': { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
    'api-url': { type: 'string' },
    password: { type: 'string' },
  },
});

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`--${name} must be a whole number ≥ ${min}, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const articles = wholeNumber('articles', values.articles, 0) ?? DEMO.articles;
const users =
  wholeNumber('users', values.users, 2) ?? (values.articles === undefined ? DEMO.users : defaultUserCount(articles));
const randomSeed = wholeNumber('random-seed', values['random-seed'], 0)!;
const apiUrl = values['api-url'] ?? process.env.API_URL;
const log = (line: string): void => console.log(line);

const loginFile = path.join(repoPaths().dataDir, 'seed-login.json');
const saved = await savedPassword();
const password = values.password ?? process.env.SEED_PASSWORD ?? saved ?? randomBytes(12).toString('base64url');
if (password.length < 8) {
  console.error('the password must have at least 8 characters');
  process.exit(2);
}

let exitCode = 0;
const started = performance.now();
const database = await openTargetDatabase(process.env, log).catch((error: unknown) => {
  console.error(explain(error));
  process.exit(1);
});
try {
  log(`database: ${database.description}`);
  await migrate(database.url, process.env);
  if (!apiUrl) log('no API URL (--api-url or API_URL): seeding without images');
  const result = await seedDatabase({
    databaseUrl: database.url,
    articles,
    users,
    seed: randomSeed,
    password,
    apiUrl,
    force: values.force,
    log,
  });
  report(result);
  if (result.status === 'seeded' && result.account) await saveLogin(result.account.email);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(explain(error));
  exitCode = 1;
} finally {
  await database.close().catch((error: unknown) => console.error(explain(error)));
}
process.exit(exitCode);

function report(result: SeedResult): void {
  const { counts } = result;
  if (result.status === 'skipped') {
    log(
      `the database already holds seeded data (${counts.users} users, ${counts.articles} articles): left as it is; ` +
        '--force replaces it',
    );
  } else {
    const steps = Object.entries(result.timings)
      .map(([step, seconds]) => `${step} ${seconds} s`)
      .join(', ');
    log(`seeded in ${steps}`);
    log(
      `  ${counts.users} users, ${counts.follows} follows, ${counts.articles} articles, ${counts.tags} tags in use, ` +
        `${counts.favorites} favorites, ${counts.comments} comments`,
    );
    log(
      `  images: ${'skipped' in result.images ? `none (${result.images.skipped})` : `${result.images.avatars} avatars, ${result.images.covers} covers`}`,
    );
    log(
      '  checked: tag usage, tag links, favorites_count and the article total agree with the rows; no dangling references',
    );
  }
  if (!result.account) return;
  if (result.status === 'seeded' || password === saved) {
    log(`sign in as ${result.account.email} (${result.account.username}), password: ${password}`);
    log('(every seeded user has this password)');
  } else {
    log(`sign in as ${result.account.email} (${result.account.username}) with the password printed when it was seeded`);
  }
}

/** The password an earlier seed saved, so reruns and --force keep signing in the same way. */
async function savedPassword(): Promise<string | undefined> {
  try {
    const saved = JSON.parse(await readFile(loginFile, 'utf8')) as { password?: unknown };
    return typeof saved.password === 'string' ? saved.password : undefined;
  } catch {
    return undefined;
  }
}

async function saveLogin(email: string): Promise<void> {
  await mkdir(path.dirname(loginFile), { recursive: true });
  await writeFile(loginFile, `${JSON.stringify({ email, password }, null, 2)}\n`, { mode: 0o600 });
  await chmod(loginFile, 0o600);
}
