// Fills a migrated database with a generated data set (see plan.ts), in three steps:
//   1. users and follows, committed (uploads need a user that exists for the API);
//   2. images, when an API URL is given: drawn, uploaded as the first user, URLs kept as the web
//      app stores them (covers with their size and variants, avatars as a small variant);
//   3. tags, articles, favorites and comments in one transaction, then VACUUM ANALYZE and a check
//      that every counter the schema maintains agrees with the rows.
// If step 2 or 3 fails, the users of step 1 are deleted again. A database that already holds
// seeded users is left alone unless `force` is set, which replaces them and their content.
import { availableParallelism } from 'node:os';
import { type Algorithm, hash } from '@node-rs/argon2';
import { avatarUrl, describeAsset } from '@inkwell/rules';
import pg from 'pg';
import { SeedPlan, defaultUserCount } from './plan.js';
import { drawAvatars, drawCovers, signIn, uploadImages } from './images.js';
import { Random } from './random.js';
import {
  type ConsistencyReport,
  type ExistingData,
  checkConsistency,
  countSeeded,
  deleteSeeded,
  describeExisting,
  firstSeededAccount,
  inBulkTransaction,
  insertContent,
  insertUsers,
  setAvatars,
  tryLockSeed,
  vacuumAnalyze,
} from './write.js';

// OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane), as the API hashes passwords
// (api/src/modules/users/password.ts). Algorithm.Argon2id is a const enum, hence the value.
const PASSWORD_HASHING = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Distinct images of each kind uploaded; larger sets reuse them. */
const IMAGES_PER_KIND = 8;

export interface SeedOptions {
  databaseUrl: string;
  articles: number;
  /** Default: about one per five articles, at least 12. */
  users?: number;
  /** Seed of the random generator: the same number gives the same data set. Default 1. */
  seed?: number;
  /** Every seeded user's password (stored as one argon2id hash). */
  password: string;
  /** The API's base URL (…/api/v1), for uploading images; without it there are none. */
  apiUrl?: string | undefined;
  /** Replace previously seeded users and their content. */
  force?: boolean;
  /** Connections that write articles at once; default: the number of cores, at most 4. */
  jobs?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  status: 'seeded' | 'skipped';
  existing: ExistingData;
  /** The account to sign in as. */
  account: { username: string; email: string } | null;
  /** Rows of seeded data (tags: tags in use). */
  counts: Record<string, number>;
  /** Uploaded images, or why there are none. */
  images: { avatars: number; covers: number } | { skipped: string };
  consistency: ConsistencyReport | null;
  /** Seconds per step. */
  timings: Record<string, number>;
}

/** Seeds the database at `options.databaseUrl` (already migrated). */
export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const size = { articles: options.articles, users: options.users ?? defaultUserCount(options.articles) };
  const plan = new SeedPlan(size, options.seed ?? 1);
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    timings[step] = Math.round(performance.now() - started) / 1000;
    return result;
  };

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'inkwell-seed' });
  await client.connect();
  try {
    if (!(await tryLockSeed(client))) throw new Error('another seed is running against this database');
    const existing = await describeExisting(client);
    if (existing.seededUsers > 0 && !options.force) {
      return {
        status: 'skipped',
        existing,
        account: await firstSeededAccount(client),
        counts: await countSeeded(client),
        images: { skipped: 'the database was seeded before' },
        consistency: null,
        timings,
      };
    }

    const passwordHash = await hash(options.password, PASSWORD_HASHING);
    const replacing = existing.seededUsers > 0;
    log(
      `${replacing ? 'replacing the seeded data with' : 'seeding'} ${size.users.toLocaleString('en')} users and ` +
        `${size.articles.toLocaleString('en')} articles`,
    );
    const userIds = await timed('users', () =>
      inBulkTransaction(client, async () => {
        if (replacing) await deleteSeeded(client, existing);
        return insertUsers(client, plan, passwordHash);
      }),
    );
    const account = (await firstSeededAccount(client))!;

    let images: SeedResult['images'];
    let counts;
    try {
      const uploaded = await timed('images', () => uploadSeedImages(plan, options, account.email, log));
      images = 'skipped' in uploaded ? uploaded : { avatars: uploaded.avatars.length, covers: uploaded.covers.length };
      const avatarUrls = 'skipped' in uploaded ? [] : uploaded.avatars;
      const coverUrls = 'skipped' in uploaded ? [] : uploaded.covers;
      const covers = new Map<number, string>();
      if (coverUrls.length > 0)
        plan.coverArticles().forEach((article, k) => covers.set(article, coverUrls[k % coverUrls.length]!));

      if (avatarUrls.length > 0) {
        const avatars = plan
          .avatarUsers()
          .map((userIndex, k) => ({ userIndex, url: avatarUrls[k % avatarUrls.length]! }));
        await setAvatars(client, userIds, avatars);
      }
      const jobs = options.jobs ?? Math.min(4, availableParallelism());
      log(`writing articles over ${jobs} connection${jobs === 1 ? '' : 's'}`);
      counts = await timed('content', () =>
        insertContent(client, plan, userIds, {
          databaseUrl: options.databaseUrl,
          jobs,
          coverOf: (article) => covers.get(article) ?? null,
        }),
      );
    } catch (error) {
      log('seeding failed; removing the seeded users again');
      await inBulkTransaction(client, async () => deleteSeeded(client, await describeExisting(client))).catch(
        () => undefined,
      );
      throw error;
    }
    log(
      `wrote ${counts.articles.toLocaleString('en')} articles, ${counts.favorites.toLocaleString('en')} favorites, ` +
        `${counts.comments.toLocaleString('en')} comments in ${timings.content} s`,
    );

    await timed('vacuum', () => vacuumAnalyze(client));
    const consistency = await timed('check', () => checkConsistency(client));
    const broken = Object.entries(consistency).filter(([key, value]) =>
      key === 'totalMatches' ? value !== true : value !== 0,
    );
    if (broken.length > 0) {
      throw new Error(
        `the seeded data is inconsistent: ${broken.map(([key, value]) => `${key}=${String(value)}`).join(', ')}`,
      );
    }
    return { status: 'seeded', existing, account, counts: await countSeeded(client), images, consistency, timings };
  } finally {
    await client.end();
  }
}

async function uploadSeedImages(
  plan: SeedPlan,
  options: SeedOptions,
  email: string,
  log: (line: string) => void,
): Promise<{ avatars: string[]; covers: string[] } | { skipped: string }> {
  if (!options.apiUrl) return { skipped: 'no API URL was given' };
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const random = new Random(options.seed ?? 1).fork('images');
  const avatarCount = Math.min(IMAGES_PER_KIND, plan.avatarUsers().length);
  const coverCount = Math.min(IMAGES_PER_KIND, plan.coverArticles().length);
  try {
    const [avatars, covers] = [await drawAvatars(random, avatarCount), await drawCovers(random, coverCount)];
    const token = await signIn(apiUrl, email, options.password);
    const assets = await uploadImages(apiUrl, token, [...avatars, ...covers]);
    log(`uploaded ${avatars.length} avatars and ${covers.length} covers through ${apiUrl}/assets`);
    // Stored as the web app stores an upload, so seeded pages get what real ones do: a cover's URL
    // carries its size and variants (a srcset and a reserved box), an avatar is a small variant.
    return {
      avatars: assets.slice(0, avatars.length).map((asset) => avatarUrl(asset)),
      covers: assets.slice(avatars.length).map((asset) => describeAsset(asset)),
    };
  } catch (error) {
    // The data is useful without pictures; say why there are none and go on.
    const reason = error instanceof Error ? error.message : String(error);
    log(`warning: no images (${reason})`);
    return { skipped: reason };
  }
}
