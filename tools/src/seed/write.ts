// The seed's SQL: bulk writes (unnest over column arrays, many rows per statement).
//
// Derived data (0001_initial.sql, 0006_drafts_slugs_covers.sql): tags, article_tags, tag usage
// counts, the article total and the slugs articles answer to are kept by statement-level triggers
// on articles and article_tags (every seeded article is published at its created_at), so a statement of a thousand
// articles updates each of them once; the seed lets those triggers work. favorites_count is kept
// by a row-level trigger on favorites, one UPDATE of the (wide) article row per favorite: for
// hundreds of thousands of favorites that is the slowest part of a load by far. So the seed
// writes favorites_count with the article and keeps that trigger out of its favorites inserts:
// with session_replication_role = replica when the role may set it (nothing is locked), else by
// disabling it for the transaction (ALTER TABLE needs table ownership; its lock keeps other
// sessions off favorites until the commit). Deletes always take the second way, since the
// replica role would also skip foreign-key cascades.
//
// Articles and comments load over several connections, one short transaction per batch: the
// stored tsvector column makes article inserts CPU-bound, so this scales with cores.
import pg from 'pg';
import type { ArticleBatch, SeedPlan } from './plan.js';
import { SEED_EMAIL_DOMAIN } from './plan.js';
import { TAGS } from './vocabulary.js';

/**
 * The triggers on favorites whose work the seed does itself: favorites_count, and
 * favorites_reads_notify, which tells the API processes' read caches of a change (migration
 * 0005): the seed notifies once before its commit instead.
 */
const FAVORITE_TRIGGERS = ['favorites_count', 'favorites_reads_notify'];
/** What favorites_reads_notify would have sent: every API process drops its cached reads. */
const NOTIFY_READS = "select pg_notify('inkwell_reads', '')";

/** Tables the seed writes, for VACUUM ANALYZE afterwards. */
const SEEDED_TABLES = ['users', 'follows', 'articles', 'tags', 'article_tags', 'favorites', 'comments'];

const SEED_LOCK = "hashtext('inkwell-seed')";

// Tags arrive space-separated (no tag contains a space) since unnest cannot take a text[][].
const INSERT_ARTICLES = `
  insert into articles (id, slug, title, description, body, tag_list, cover_image, author_id, favorites_count,
                        created_at, updated_at)
  overriding system value
  select id, slug, title, description, body, string_to_array(tags, ' '), cover_image, author_id, favorites_count,
         created_at, updated_at
    from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                $9::int[], $10::timestamptz[], $11::timestamptz[])
      as a(id, slug, title, description, body, tags, cover_image, author_id, favorites_count, created_at, updated_at)`;
const INSERT_FAVORITES = `
  insert into favorites (user_id, article_id, created_at)
  select * from unnest($1::bigint[], $2::bigint[], $3::timestamptz[])`;
const INSERT_COMMENTS = `
  insert into comments (article_id, author_id, body, created_at, updated_at)
  select article_id, author_id, body, created_at, created_at
    from unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[]) as c(article_id, author_id, body, created_at)`;
// Losing the very last seed to a crash is harmless; waiting for each WAL flush is not free. The
// article triggers keep each statement's new rows in memory (transition tables): give them room.
const BULK_SETTINGS =
  "set local synchronous_commit = off; set local statement_timeout = 0; set local work_mem = '64MB'";
const SEEDED_USER = `lower(email) like '%@${SEED_EMAIL_DOMAIN}'`;

/** Rows per statement; articles carry their bodies (a few KB each). */
const ARTICLES_PER_STATEMENT = 1_000;
const ROWS_PER_STATEMENT = 50_000;

export type Client = pg.ClientBase;

/** Takes the seed's session lock, so two seeds never interleave; false when another seed holds it. */
export async function tryLockSeed(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(${SEED_LOCK}) as locked`);
  return rows[0]?.locked === true;
}

export interface ExistingData {
  seededUsers: number;
  otherUsers: number;
  articles: number;
}

export async function describeExisting(client: Client): Promise<ExistingData> {
  const { rows } = await client.query<{ seeded: string; other: string; articles: string }>(
    `select count(*) filter (where ${SEEDED_USER}) as seeded,
            count(*) filter (where not ${SEEDED_USER}) as other,
            (select articles_count from article_totals) as articles
       from users`,
  );
  const row = rows[0]!;
  return { seededUsers: Number(row.seeded), otherUsers: Number(row.other), articles: Number(row.articles ?? 0) };
}

/**
 * Starts a transaction whose favorites inserts skip the favorites triggers (see above); returns
 * what to run before its commit, which sends their notification.
 */
async function beginFavoritesBulk(client: Client, allowReplica: boolean): Promise<() => Promise<void>> {
  const triggers = await favoriteTriggers(client);
  await client.query('begin');
  await client.query(BULK_SETTINGS);
  if (allowReplica) {
    try {
      await client.query('savepoint replica_role');
      await client.query('set local session_replication_role = replica');
      await client.query('release savepoint replica_role');
      return async () => {
        await client.query(NOTIFY_READS);
      };
    } catch {
      await client.query('rollback to savepoint replica_role');
    }
  }
  for (const name of triggers)
    await client.query(`alter table favorites disable trigger ${client.escapeIdentifier(name)}`);
  return async () => {
    for (const name of triggers)
      await client.query(`alter table favorites enable trigger ${client.escapeIdentifier(name)}`);
    await client.query(NOTIFY_READS);
  };
}

/** The user triggers on favorites; fails when one is not a trigger the seed knows the work of. */
async function favoriteTriggers(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select t.tgname as name from pg_trigger t
      where t.tgrelid = to_regclass('favorites') and not t.tgisinternal`,
  );
  const unknown = rows.filter((row) => !FAVORITE_TRIGGERS.includes(row.name));
  if (unknown.length > 0) {
    throw new Error(
      `favorites has triggers the seed does not know: ${unknown.map((row) => row.name).join(', ')} ` +
        '(tools/src/seed/write.ts keeps favorites_count itself and must learn what they maintain)',
    );
  }
  return rows.map((row) => row.name);
}

/** Runs `fn` in one transaction with favorites_count kept by the seed, recomputing counters before the commit. */
export async function inBulkTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  try {
    const beforeCommit = await beginFavoritesBulk(client, false);
    const result = await fn();
    await recomputeDerivedData(client);
    await beforeCommit();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Makes the counters agree with the rows after deletes (a TRUNCATE fires no trigger; deleted
 * favorites leave favorites_count behind on articles that stay). Only rows that differ are written.
 */
async function recomputeDerivedData(client: Client): Promise<void> {
  await client.query(
    `update tags t set articles_count = coalesce(c.n, 0)
       from tags t2 left join (select tag_id, count(*) as n from article_tags group by tag_id) c on c.tag_id = t2.id
      where t.id = t2.id and t.articles_count is distinct from coalesce(c.n, 0)`,
  );
  await client.query(
    `update article_totals set articles_count = c.n
       from (select count(*) as n from articles where status = 'published') c where articles_count is distinct from c.n`,
  );
  await client.query(
    `update articles a set favorites_count = coalesce(c.n, 0)
       from articles a2 left join (select article_id, count(*) as n from favorites group by article_id) c on c.article_id = a2.id
      where a.id = a2.id and a.favorites_count is distinct from coalesce(c.n, 0)`,
  );
}

/**
 * Deletes the seeded users and everything that hangs off them. When they are the only users, the
 * content tables are simply truncated; otherwise rows go child tables first, in set-based deletes
 * (one statement per table, so the statement triggers run once each). Call inside inBulkTransaction.
 */
export async function deleteSeeded(client: Client, existing: ExistingData): Promise<void> {
  if (existing.otherUsers === 0) {
    await client.query('truncate users, follows, articles, article_tags, favorites, comments, tags cascade');
    return;
  }
  await client.query(`create temporary table seed_users on commit drop as select id from users where ${SEEDED_USER}`);
  await client.query(
    'create temporary table seed_articles on commit drop as select id from articles where author_id in (select id from seed_users)',
  );
  await client.query(
    'delete from comments where article_id in (select id from seed_articles) or author_id in (select id from seed_users)',
  );
  await client.query(
    'delete from favorites where article_id in (select id from seed_articles) or user_id in (select id from seed_users)',
  );
  await client.query('delete from article_tags where article_id in (select id from seed_articles)');
  await client.query('delete from articles where id in (select id from seed_articles)');
  await client.query(
    'delete from follows where follower_id in (select id from seed_users) or followee_id in (select id from seed_users)',
  );
  await client.query('delete from users where id in (select id from seed_users)');
}

/** The first seeded user: the account to sign in as. */
export async function firstSeededAccount(client: Client): Promise<{ username: string; email: string } | null> {
  const { rows } = await client.query<{ username: string; email: string }>(
    `select username, email from users where ${SEEDED_USER} order by id limit 1`,
  );
  return rows[0] ?? null;
}

/** Lower-cased usernames among `names` that are taken already. */
export async function takenUsernames(client: Client, names: string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    'select lower(username) as name from users where lower(username) = any($1::text[])',
    [names.map((name) => name.toLowerCase())],
  );
  return new Set(rows.map((row) => row.name));
}

/** `count` fresh ids from the table's identity sequence (reserved, so concurrent inserts never clash). */
async function reserveIds(client: Client, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    'select nextval(pg_get_serial_sequence($1, $2)) as id from generate_series(1, $3)',
    [table, 'id', count],
  );
  return rows.map((row) => Number(row.id));
}

/** Inserts the plan's users and follows; resolves with the database id of each user, by index. */
export async function insertUsers(client: Client, plan: SeedPlan, passwordHash: string): Promise<number[]> {
  let users = plan.users();
  const taken = await takenUsernames(client, users.usernames);
  if (taken.size > 0) users = plan.users(taken);
  const ids = await reserveIds(client, 'users', users.usernames.length);
  await client.query(
    `insert into users (id, username, email, password_hash, bio, created_at, updated_at)
     overriding system value
     select u.id, u.username, u.email, $5, u.bio, u.created_at, u.created_at
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $6::timestamptz[]) as u(id, username, email, bio, created_at)`,
    [ids, users.usernames, users.emails, users.bios, passwordHash, users.createdAt],
  );
  const follows = plan.follows();
  await inChunks(follows.followerIndex.length, ROWS_PER_STATEMENT, (from, to) =>
    client.query('insert into follows (follower_id, followee_id) select * from unnest($1::bigint[], $2::bigint[])', [
      follows.followerIndex.slice(from, to).map((i) => ids[i]),
      follows.followeeIndex.slice(from, to).map((i) => ids[i]),
    ]),
  );
  return ids;
}

/** Sets the avatar of the given users (by index). */
export async function setAvatars(
  client: Client,
  userIds: number[],
  avatars: Array<{ userIndex: number; url: string }>,
): Promise<void> {
  await client.query(
    'update users u set image = v.url from unnest($1::bigint[], $2::text[]) as v(id, url) where u.id = v.id',
    [avatars.map((a) => userIds[a.userIndex]), avatars.map((a) => a.url)],
  );
}

export interface ContentCounts {
  articles: number;
  favorites: number;
  comments: number;
}

export interface ContentOptions {
  /** Opens the connections that load articles. */
  databaseUrl: string;
  /** Connections that load articles and comments at once. */
  jobs: number;
  coverOf: (articleIndex: number) => string | null;
}

/**
 * Inserts the plan's articles, comments and favorites. Batches are generated while earlier ones
 * run: articles and comments go round-robin to `jobs` connections, one transaction per batch;
 * once a batch is committed, its favorites go to `client`, in one transaction for the whole load.
 */
export async function insertContent(
  client: Client,
  plan: SeedPlan,
  userIds: number[],
  options: ContentOptions,
): Promise<ContentCounts> {
  // Every tag exists before the load, so parallel batches never wait on each other's new tags.
  await client.query(
    'insert into tags (name) select name from unnest($1::text[]) as name order by name on conflict (name) do nothing',
    [[...TAGS]],
  );
  const articleIds = await reserveIds(client, 'articles', plan.size.articles);
  const workers: pg.Client[] = [];
  const pending: Array<Promise<void> | undefined> = [];
  let favorites: Promise<void> = Promise.resolve();
  let favoritesBegun = false;
  const counts: ContentCounts = { articles: 0, favorites: 0, comments: 0 };
  try {
    for (let i = 0; i < Math.max(1, options.jobs); i += 1) {
      const worker = new pg.Client({ connectionString: options.databaseUrl, application_name: 'inkwell-seed' });
      workers.push(worker);
      await worker.connect();
    }
    const beforeCommit = await beginFavoritesBulk(client, true);
    favoritesBegun = true;
    let next = 0;
    for (const batch of plan.articleBatches(ARTICLES_PER_STATEMENT)) {
      // Generated while the workers run their previous batches; each worker runs one at a time.
      const slot = next % workers.length;
      next += 1;
      await pending[slot];
      counts.articles += batch.articles.index.length;
      counts.favorites += batch.favorites.userIndex.length;
      counts.comments += batch.comments.body.length;
      const written = insertArticleBatch(workers[slot]!, batch, userIds, articleIds, options.coverOf).then(() => {
        favorites = favorites.then(() => insertFavorites(client, batch, userIds, articleIds));
        favorites.catch(() => undefined);
      });
      // Awaited on the worker's next turn; until then a failure must not count as unhandled.
      written.catch(() => undefined);
      pending[slot] = written;
    }
    await Promise.all(pending);
    await favorites;
    await beforeCommit();
    await client.query('commit');
    return counts;
  } catch (error) {
    await Promise.allSettled(pending);
    await favorites.catch(() => undefined);
    if (favoritesBegun) await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await Promise.allSettled(workers.map((worker) => worker.end()));
  }
}

/** One batch of articles (the schema's triggers add their tag links and counts) and their comments, committed. */
async function insertArticleBatch(
  worker: pg.Client,
  batch: ArticleBatch,
  userIds: number[],
  articleIds: number[],
  coverOf: (articleIndex: number) => string | null,
): Promise<void> {
  const { articles, comments } = batch;
  await worker.query(`begin; ${BULK_SETTINGS}`);
  try {
    await worker.query(INSERT_ARTICLES, [
      articles.index.map((i) => articleIds[i]),
      articles.slug,
      articles.title,
      articles.description,
      articles.body,
      articles.tags,
      articles.index.map(coverOf),
      articles.authorIndex.map((i) => userIds[i]),
      articles.favoritesCount,
      articles.createdAt,
      articles.updatedAt,
    ]);
    await worker.query(INSERT_COMMENTS, [
      comments.articleIndex.map((i) => articleIds[i]),
      comments.authorIndex.map((i) => userIds[i]),
      comments.body,
      comments.createdAt,
    ]);
    await worker.query('commit');
  } catch (error) {
    await worker.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** The batch's favorites; their articles already carry the matching favorites_count. */
async function insertFavorites(
  client: Client,
  batch: ArticleBatch,
  userIds: number[],
  articleIds: number[],
): Promise<void> {
  const { favorites } = batch;
  await client.query(INSERT_FAVORITES, [
    favorites.userIndex.map((i) => userIds[i]),
    favorites.articleIndex.map((i) => articleIds[i]),
    favorites.createdAt,
  ]);
}

async function inChunks(
  total: number,
  size: number,
  fn: (from: number, to: number) => Promise<unknown>,
): Promise<void> {
  for (let from = 0; from < total; from += size) await fn(from, Math.min(from + size, total));
}

/** Fresh statistics and visibility maps for the planner after a bulk load (outside a transaction). */
export async function vacuumAnalyze(client: Client): Promise<void> {
  await client.query(`vacuum (analyze) ${SEEDED_TABLES.join(', ')}`);
}

export interface ConsistencyReport {
  /** Tags whose articles_count differs from their article_tags rows. */
  tagCounts: number;
  /** (article, tag) pairs in tag_list without an article_tags row, or the other way round. */
  tagLinks: number;
  /** article_tags rows whose article_published_at differs from the article's, or of unpublished articles. */
  tagDates: number;
  /** Articles whose favorites_count differs from their favorites rows. */
  favoriteCounts: number;
  /** Whether article_totals holds the number of published articles. */
  totalMatches: boolean;
  /** Rows pointing at a user, article or tag that does not exist ("replica" mode skips the foreign key checks). */
  danglingReferences: number;
}

/** Checks every counter and derived row the schema maintains against the data. */
export async function checkConsistency(client: Client): Promise<ConsistencyReport> {
  const { rows } = await client.query<Record<string, string | boolean>>(`
    select
      (select count(*) from tags t
         left join (select tag_id, count(*) as n from article_tags group by tag_id) c on c.tag_id = t.id
        where t.articles_count <> coalesce(c.n, 0)) as tag_counts,
      (select count(*) from (select a.id, tag.name from articles a cross join unnest(a.tag_list) as tag(name)
                              where a.status = 'published') x
         full join (select at.article_id as id, t.name from article_tags at join tags t on t.id = at.tag_id) y
           on x.id = y.id and x.name = y.name
        where x.id is null or y.id is null) as tag_links,
      (select count(*) from article_tags at join articles a on a.id = at.article_id
        where at.article_published_at <> a.published_at or a.status <> 'published') as tag_dates,
      (select count(*) from articles a
         left join (select article_id, count(*) as n from favorites group by article_id) c on c.article_id = a.id
        where a.favorites_count <> coalesce(c.n, 0)) as favorite_counts,
      (select articles_count from article_totals)
        = (select count(*) from articles where status = 'published') as total_matches,
      (select count(*) from articles a where not exists (select from users u where u.id = a.author_id))
      + (select count(*) from article_tags at
          where not exists (select from articles a where a.id = at.article_id)
             or not exists (select from tags t where t.id = at.tag_id))
      + (select count(*) from favorites f
          where not exists (select from articles a where a.id = f.article_id)
             or not exists (select from users u where u.id = f.user_id))
      + (select count(*) from comments c
          where not exists (select from articles a where a.id = c.article_id)
             or not exists (select from users u where u.id = c.author_id)) as dangling_references`);
  const row = rows[0]!;
  return {
    tagCounts: Number(row.tag_counts),
    tagLinks: Number(row.tag_links),
    tagDates: Number(row.tag_dates),
    favoriteCounts: Number(row.favorite_counts),
    totalMatches: row.total_matches === true,
    danglingReferences: Number(row.dangling_references),
  };
}

/** Row counts of the seeded data. */
export async function countSeeded(client: Client): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, string>>(`
    with su as (select id from users where ${SEEDED_USER})
    select (select count(*) from su) as users,
           (select count(*) from articles where author_id in (select id from su)) as articles,
           (select count(*) from comments where author_id in (select id from su)) as comments,
           (select count(*) from favorites where user_id in (select id from su)) as favorites,
           (select count(*) from follows where follower_id in (select id from su)) as follows,
           (select count(*) from tags where articles_count > 0) as tags`);
  return Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)]));
}
