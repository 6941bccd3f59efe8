// The seed's SQL: bulk writes (unnest over column arrays, many rows per statement) and the
// derived data the schema's triggers would otherwise keep.
//
// Why the triggers are kept out of the way: 0001_initial.sql keeps tags/article_tags, tag counts,
// favorites_count and the article total in step with row triggers. Fired once per seeded row they
// would update the same ~200 tag rows hundreds of thousands of times in one transaction, which is
// slow and grows quadratically. So the seed writes the derived rows itself, recomputes the
// counters from the data before its last commit, and keeps those triggers from firing, in one of
// two ways:
// - "replica" (when the role may set session_replication_role, e.g. a superuser, and no trigger
//   the seed does not know of is defined on the tables it writes): the session skips triggers,
//   nothing is locked, and articles load over several connections in parallel — the stored
//   tsvector column makes article inserts CPU-bound, so this scales with cores;
// - "alter" (otherwise): one transaction disables exactly the known triggers (ALTER TABLE needs
//   only table ownership; its lock keeps other writers out until the commit) and enables them
//   again before it commits. Any other trigger keeps firing.
// Deletes always use "alter": session_replication_role would also skip the cascades of foreign keys.
import pg from 'pg';
import type { ArticleBatch, SeedPlan } from './plan.js';
import { SEED_EMAIL_DOMAIN } from './plan.js';
import { TAGS } from './vocabulary.js';

/** The triggers whose work the seed does itself, by table (see 0001_initial.sql). */
const DERIVED_DATA_TRIGGERS = {
  articles: ['articles_count_insert', 'articles_count_delete', 'articles_sync_tags'],
  article_tags: ['article_tags_count'],
  favorites: ['favorites_count'],
} as const;

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
// What the articles_sync_tags trigger would have written, from the rows just stored.
const INSERT_ARTICLE_TAGS = `
  insert into article_tags (tag_id, article_id, article_created_at)
  select t.id, a.id, a.created_at
    from articles a cross join unnest(a.tag_list) as tag(name) join tags t on t.name = tag.name
   where a.id = any($1::bigint[])`;
const INSERT_FAVORITES = `
  insert into favorites (user_id, article_id, created_at)
  select * from unnest($1::bigint[], $2::bigint[], $3::timestamptz[])`;
const INSERT_COMMENTS = `
  insert into comments (article_id, author_id, body, created_at, updated_at)
  select article_id, author_id, body, created_at, created_at
    from unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[]) as c(article_id, author_id, body, created_at)`;
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

export type BulkMode = 'replica' | 'alter';

/** "replica" when this session may skip triggers and every trigger on the seeded tables is known. */
export async function chooseBulkMode(client: Client): Promise<BulkMode> {
  const known = Object.values(DERIVED_DATA_TRIGGERS).flat() as string[];
  const { rows } = await client.query<{ name: string }>(
    `select t.tgname as name
       from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and c.relname = any($1::text[])`,
    [SEEDED_TABLES],
  );
  if (rows.some((row) => !known.includes(row.name))) return 'alter';
  try {
    await client.query('set session_replication_role = replica');
    await client.query('reset session_replication_role');
    return 'replica';
  } catch {
    return 'alter';
  }
}

/** Starts a transaction for bulk writes; returns what to run before its commit. */
async function beginBulk(client: Client, mode: BulkMode): Promise<() => Promise<void>> {
  await client.query('begin');
  // Losing the very last seed to a crash is harmless; waiting for each WAL flush is not free.
  await client.query("set local synchronous_commit = off; set local statement_timeout = 0; set local maintenance_work_mem = '256MB'");
  if (mode === 'replica') {
    await client.query('set local session_replication_role = replica');
    return async () => undefined;
  }
  const triggers = await existingTriggers(client);
  for (const { table, name } of triggers) await client.query(`alter table ${table} disable trigger ${name}`);
  return async () => {
    for (const { table, name } of triggers) await client.query(`alter table ${table} enable trigger ${name}`);
  };
}

/** Runs `fn` in a bulk transaction ("alter" mode) and recomputes the counters before the commit. */
export async function inBulkTransaction<T>(
  client: Client,
  fn: () => Promise<T>,
  recompute: { favorites: boolean },
): Promise<T> {
  try {
    const beforeCommit = await beginBulk(client, 'alter');
    const result = await fn();
    await recomputeDerivedData(client, recompute);
    await beforeCommit();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

async function existingTriggers(client: Client): Promise<Array<{ table: string; name: string }>> {
  const wanted = Object.entries(DERIVED_DATA_TRIGGERS).flatMap(([table, names]) => names.map((name) => ({ table, name })));
  const { rows } = await client.query<{ table: string; name: string }>(
    `select c.relname as table, t.tgname as name
       from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace
        and (c.relname, t.tgname) in (select * from unnest($1::text[], $2::text[]))`,
    [wanted.map((t) => t.table), wanted.map((t) => t.name)],
  );
  return rows.map((row) => ({ table: client.escapeIdentifier(row.table), name: client.escapeIdentifier(row.name) }));
}

/**
 * Makes every counter agree with the rows: tag usage, the article total and (after deletes, which
 * can take favorites away from articles that stay) favorites_count. Only rows that differ are
 * written. The tag links of new articles are inserted with them (insertArticleBatch).
 */
async function recomputeDerivedData(client: Client, { favorites }: { favorites: boolean }): Promise<void> {
  await client.query(
    `update tags t set articles_count = coalesce(c.n, 0)
       from tags t2 left join (select tag_id, count(*) as n from article_tags group by tag_id) c on c.tag_id = t2.id
      where t.id = t2.id and t.articles_count is distinct from coalesce(c.n, 0)`,
  );
  await client.query('update article_totals set articles_count = (select count(*) from articles)');
  if (favorites) {
    await client.query(
      `update articles a set favorites_count = coalesce(c.n, 0)
         from articles a2 left join (select article_id, count(*) as n from favorites group by article_id) c on c.article_id = a2.id
        where a.id = a2.id and a.favorites_count is distinct from coalesce(c.n, 0)`,
    );
  }
}

/**
 * Deletes the seeded users and everything that hangs off them. When they are the only users, the
 * content tables are simply truncated; otherwise rows go child tables first, in set-based deletes.
 * Call inside inBulkTransaction with favorites recomputed.
 */
export async function deleteSeeded(client: Client, existing: ExistingData): Promise<void> {
  if (existing.otherUsers === 0) {
    await client.query('truncate users, follows, articles, article_tags, favorites, comments, tags cascade');
    return;
  }
  await client.query(`create temporary table seed_users on commit drop as select id from users where ${SEEDED_USER}`);
  await client.query('create temporary table seed_articles on commit drop as select id from articles where author_id in (select id from seed_users)');
  await client.query('delete from comments where article_id in (select id from seed_articles) or author_id in (select id from seed_users)');
  await client.query('delete from favorites where article_id in (select id from seed_articles) or user_id in (select id from seed_users)');
  await client.query('delete from article_tags where article_id in (select id from seed_articles)');
  await client.query('delete from articles where id in (select id from seed_articles)');
  await client.query('delete from follows where follower_id in (select id from seed_users) or followee_id in (select id from seed_users)');
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
    client.query(
      'insert into follows (follower_id, followee_id) select * from unnest($1::bigint[], $2::bigint[])',
      [follows.followerIndex.slice(from, to).map((i) => ids[i]), follows.followeeIndex.slice(from, to).map((i) => ids[i])],
    ),
  );
  return ids;
}

/** Sets the avatar of the given users (by index). */
export async function setAvatars(client: Client, userIds: number[], avatars: Array<{ userIndex: number; url: string }>): Promise<void> {
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
  /** Opens the extra connections of "replica" mode. */
  databaseUrl: string;
  mode: BulkMode;
  /** Connections that load articles at once in "replica" mode. */
  jobs: number;
  coverOf: (articleIndex: number) => string | null;
}

/**
 * Inserts the plan's tags, articles (with their tag links), favorites and comments, and brings
 * the counters up to date. Each batch is generated while earlier ones run on the server. In
 * "replica" mode batches go round-robin to `jobs` connections, each in its own transaction; the
 * first commits last, after recomputing the counters over everything.
 */
export async function insertContent(
  client: Client,
  plan: SeedPlan,
  userIds: number[],
  options: ContentOptions,
): Promise<ContentCounts> {
  await client.query('insert into tags (name) select name from unnest($1::text[]) as name order by name on conflict (name) do nothing', [
    [...TAGS],
  ]);
  const articleIds = await reserveIds(client, 'articles', plan.size.articles);
  const jobs = options.mode === 'replica' ? Math.max(1, options.jobs) : 1;
  const extras: pg.Client[] = [];
  const workers: Client[] = [client];
  const pending: Array<Promise<void> | undefined> = [];
  const counts: ContentCounts = { articles: 0, favorites: 0, comments: 0 };
  let begun = 0;
  try {
    for (let i = 1; i < jobs; i += 1) {
      const extra = new pg.Client({ connectionString: options.databaseUrl, application_name: 'inkwell-seed' });
      extras.push(extra);
      workers.push(extra);
      await extra.connect();
    }
    const beforeCommit = await beginBulk(client, options.mode);
    begun = 1;
    for (const worker of workers.slice(1)) {
      await beginBulk(worker, options.mode);
      begun += 1;
    }
    let next = 0;
    for (const batch of plan.articleBatches(ARTICLES_PER_STATEMENT)) {
      // Generated while the workers run their previous batches; each worker runs one at a time.
      const slot = next % workers.length;
      next += 1;
      await pending[slot];
      counts.articles += batch.articles.index.length;
      counts.favorites += batch.favorites.userIndex.length;
      counts.comments += batch.comments.body.length;
      const written = insertArticleBatch(workers[slot]!, batch, userIds, articleIds, options.coverOf);
      // Awaited on the worker's next turn; until then a failure must not count as unhandled.
      written.catch(() => undefined);
      pending[slot] = written;
    }
    await Promise.all(pending);
    for (const worker of workers.slice(1)) await worker.query('commit');
    await recomputeDerivedData(client, { favorites: false });
    await beforeCommit();
    await client.query('commit');
    return counts;
  } catch (error) {
    await Promise.allSettled(pending);
    await Promise.allSettled(workers.slice(0, begun).map((worker) => worker.query('rollback')));
    throw error;
  } finally {
    await Promise.allSettled(extras.map((extra) => extra.end()));
  }
}

async function insertArticleBatch(
  client: Client,
  batch: ArticleBatch,
  userIds: number[],
  articleIds: number[],
  coverOf: (articleIndex: number) => string | null,
): Promise<void> {
  const { articles, favorites, comments } = batch;
  const ids = articles.index.map((i) => articleIds[i]!);
  await client.query(INSERT_ARTICLES, [
    ids,
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
  await client.query(INSERT_ARTICLE_TAGS, [ids]);
  await client.query(INSERT_FAVORITES, [
    favorites.userIndex.map((i) => userIds[i]),
    favorites.articleIndex.map((i) => articleIds[i]),
    favorites.createdAt,
  ]);
  await client.query(INSERT_COMMENTS, [
    comments.articleIndex.map((i) => articleIds[i]),
    comments.authorIndex.map((i) => userIds[i]),
    comments.body,
    comments.createdAt,
  ]);
}

async function inChunks(total: number, size: number, fn: (from: number, to: number) => Promise<unknown>): Promise<void> {
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
  /** article_tags rows whose article_created_at differs from the article's. */
  tagDates: number;
  /** Articles whose favorites_count differs from their favorites rows. */
  favoriteCounts: number;
  /** Whether article_totals holds the number of articles. */
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
      (select count(*) from (select a.id, tag.name from articles a cross join unnest(a.tag_list) as tag(name)) x
         full join (select at.article_id as id, t.name from article_tags at join tags t on t.id = at.tag_id) y
           on x.id = y.id and x.name = y.name
        where x.id is null or y.id is null) as tag_links,
      (select count(*) from article_tags at join articles a on a.id = at.article_id
        where at.article_created_at <> a.created_at) as tag_dates,
      (select count(*) from articles a
         left join (select article_id, count(*) as n from favorites group by article_id) c on c.article_id = a.id
        where a.favorites_count <> coalesce(c.n, 0)) as favorite_counts,
      (select articles_count from article_totals) = (select count(*) from articles) as total_matches,
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
