// SQL for articles and favorites. Every read is one statement: the article (or the page of
// articles) with its author, the viewer's `favorited`/`following` flags and, for lists, the total.
import { SEARCH_COUNT_MAX } from '@inkwell/rules';
import type pg from 'pg';
import { type Queryable, type Statement, query, queryOne, sql } from '../../db/pool.js';
import type { ImageRecord } from './article-images.js';

/** An article with its author as seen by one viewer. `body` is absent in lists. */
export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  coverImage: string | null;
  coverImageAlt: string;
  coverFocalX: number;
  coverFocalY: number;
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  authorId: number;
  authorUsername: string;
  authorBio: string;
  authorImage: string | null;
  authorFollowing: boolean;
}

export type ArticleStatus = 'draft' | 'published';

/**
 * Which articles a list shows. The viewer only affects flags, except for the feed and an
 * author's own drafts and scheduled articles.
 */
export interface ArticleFilter {
  tag?: string | undefined;
  author?: string | undefined;
  favorited?: string | undefined;
  q?: string | undefined;
  /**
   * With `q`: how many matches are ranked and counted, the newest first (SEARCH_COUNT_MAX when
   * not given, which is also the most allowed).
   */
  searchCandidates?: number | undefined;
  /** Only authors this user follows. */
  feedOf?: number | undefined;
  /** Instead of what readers see: this author's drafts, or their articles scheduled for later. */
  unpublishedOf?: { authorId: number; status: 'draft' | 'scheduled' } | undefined;
}

/** Which page of a list, and whether its rows carry the body (LIST_INCLUDES_BODY). */
export interface PageRequest {
  limit: number;
  offset: number;
  withBody?: boolean | undefined;
}

export interface ArticlePage {
  rows: ArticleRow[];
  total: number;
}

/**
 * Readers see an article once it is published and its time has come. Compared with now() in
 * every query: a scheduled article appears on time with no write, and only a cache that expires
 * by then can show a list without it.
 */
const VISIBLE = "a.status = 'published' and a.published_at <= now()";
/** What the viewer ($1) may see: what readers see, and their own drafts and scheduled articles. */
const SEEN_BY_VIEWER = `(${VISIBLE} or a.author_id = $1)`;
/** The article a slug answers for, current or former. */
const bySlug = (p: string) => `a.id = (select article_id from article_slugs where slug = ${p})`;

// $1 is always the viewer (null when anonymous).
const columns = (withBody: boolean) => `
       a.id, a.slug, a.title, a.description,${withBody ? ' a.body,' : ''}
       a.tag_list as "tagList", a.cover_image as "coverImage", a.cover_image_alt as "coverImageAlt",
       a.cover_focal_x as "coverFocalX", a.cover_focal_y as "coverFocalY",
       a.status, a.published_at as "publishedAt",
       a.created_at as "createdAt", a.updated_at as "updatedAt",
       a.favorites_count as "favoritesCount",
       ($1::bigint is not null and exists (
         select 1 from favorites fv where fv.user_id = $1 and fv.article_id = a.id)) as favorited,
       a.author_id as "authorId", u.username as "authorUsername", u.bio as "authorBio", u.image as "authorImage",
       ($1::bigint is not null and exists (
         select 1 from follows fo where fo.follower_id = $1 and fo.followee_id = a.author_id)) as "authorFollowing"`;

const FIND_BY_SLUG = sql(
  'articles.find-by-slug',
  `select ${columns(true)} from articles a join users u on u.id = a.author_id
    where ${bySlug('$2')} and ${SEEN_BY_VIEWER}`,
);
const FIND_BY_ID = sql(
  'articles.find-by-id',
  `select ${columns(true)} from articles a join users u on u.id = a.author_id where a.id = $2`,
);
const ownership = `select a.id, a.author_id as "authorId", a.slug, a.title, (${VISIBLE}) as visible
                     from articles a where ${bySlug('$1')}`;
const FIND_OWNERSHIP = sql('articles.find-ownership', ownership);
const LOCK_OWNERSHIP = sql('articles.lock-ownership', `${ownership} for update`);
// published_at null: the trigger publishes now (or leaves a draft without a time).
const INSERT = sql(
  'articles.insert',
  `insert into articles (slug, title, description, body, tag_list, cover_image, cover_image_alt,
                         cover_focal_x, cover_focal_y, status, published_at, author_id)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
   on conflict (slug) do nothing
   returning id`,
);
// null = keep; the boolean before tags, cover and publishing time says whether to set them (null
// is a valid value of each).
const UPDATE = sql(
  'articles.update',
  `update articles
      set slug = coalesce($2, slug),
          title = coalesce($3, title),
          description = coalesce($4, description),
          body = coalesce($5, body),
          tag_list = case when $6::boolean then $7::text[] else tag_list end,
          cover_image = case when $8::boolean then $9 else cover_image end,
          cover_image_alt = coalesce($10, cover_image_alt),
          cover_focal_x = coalesce($11, cover_focal_x),
          cover_focal_y = coalesce($12, cover_focal_y),
          status = coalesce($13, status),
          published_at = case when $14::boolean then $15::timestamptz else published_at end,
          updated_at = now()
    where id = $1`,
);
const DELETE = sql('articles.delete', 'delete from articles where id = $1');
const FAVORITE = sql(
  'articles.favorite',
  `insert into favorites (user_id, article_id)
   select $1, a.id from articles a where ${bySlug('$2')} and ${SEEN_BY_VIEWER}
   on conflict do nothing`,
);
const UNFAVORITE = sql(
  'articles.unfavorite',
  `delete from favorites where user_id = $1 and article_id = (select article_id from article_slugs where slug = $2)`,
);
const USER_ID = sql('articles.user-id', 'select id from users where lower(username) = lower($1)');
// The same bytes uploaded twice share their key: any of its rows has the sizes.
const IMAGES = sql(
  'articles.images',
  `select distinct on (key) key, width, height, variants from assets where key = any ($1::text[]) order by key`,
);
// querytree() keeps what the index can look up: 'T' when nothing can (only excluded words, or an
// `or` with such a branch), '' when no word is left (stop words alone, punctuation).
const SEARCH_TREE = sql('articles.search-tree', `select querytree(websearch_to_tsquery('english', $1)) as tree`);
// For the rest of the transaction: a time limit; plans made for the actual words (a word in
// most articles is best read newest first until enough match, a rare one through the index),
// which the pool's generic plans cannot tell apart, planning costing a fraction of a
// millisecond; and no parallel workers, so a search never takes more than one core.
const SEARCH_SETTINGS = sql(
  'articles.search-settings',
  `select set_config('statement_timeout', $1, true), set_config('plan_cache_mode', 'force_custom_plan', true),
          set_config('max_parallel_workers_per_gather', '0', true)`,
);

export async function findArticleBySlug(
  db: Queryable,
  slug: string,
  viewerId: number | null,
): Promise<ArticleRow | null> {
  return queryOne<ArticleRow>(db, FIND_BY_SLUG, [viewerId, slug]);
}

export async function findArticleById(db: Queryable, id: number, viewerId: number | null): Promise<ArticleRow | null> {
  return queryOne<ArticleRow>(db, FIND_BY_ID, [viewerId, id]);
}

export interface Ownership {
  id: number;
  authorId: number;
  slug: string;
  title: string;
  /** Whether readers see it (published, and its time has come). */
  visible: boolean;
}

/** Who owns the article; with `lock`, the row stays locked until the transaction ends. */
export async function findOwnership(db: Queryable, slug: string, lock = false): Promise<Ownership | null> {
  return queryOne<Ownership>(db, lock ? LOCK_OWNERSHIP : FIND_OWNERSHIP, [slug]);
}

export interface NewArticleRow {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  coverImage: string | null;
  coverImageAlt: string;
  coverFocalX: number;
  coverFocalY: number;
  status: ArticleStatus;
  /** null: now when published, none for a draft. */
  publishedAt: string | null;
  authorId: number;
}

/** Inserts the article; resolves null (and inserts nothing) when the slug is taken. */
export async function insertArticle(db: Queryable, article: NewArticleRow): Promise<number | null> {
  const row = await queryOne<{ id: number }>(db, INSERT, [
    article.slug,
    article.title,
    article.description,
    article.body,
    article.tagList,
    article.coverImage,
    article.coverImageAlt,
    article.coverFocalX,
    article.coverFocalY,
    article.status,
    article.publishedAt,
    article.authorId,
  ]);
  return row?.id ?? null;
}

export interface ArticleChanges {
  slug?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  body?: string | undefined;
  tagList?: string[] | undefined;
  /** undefined = keep; null = remove. */
  coverImage?: string | null | undefined;
  coverImageAlt?: string | undefined;
  coverFocalX?: number | undefined;
  coverFocalY?: number | undefined;
  status?: ArticleStatus | undefined;
  /** undefined = keep; null = none (published: now). */
  publishedAt?: string | null | undefined;
}

/** Applies the changes; throws the unique violation when the new slug is taken. */
export async function updateArticle(db: pg.PoolClient, id: number, changes: ArticleChanges): Promise<void> {
  await query(db, UPDATE, [
    id,
    changes.slug ?? null,
    changes.title ?? null,
    changes.description ?? null,
    changes.body ?? null,
    changes.tagList !== undefined,
    changes.tagList ?? null,
    changes.coverImage !== undefined,
    changes.coverImage ?? null,
    changes.coverImageAlt ?? null,
    changes.coverFocalX ?? null,
    changes.coverFocalY ?? null,
    changes.status ?? null,
    changes.publishedAt !== undefined,
    changes.publishedAt ?? null,
  ]);
}

export async function deleteArticle(db: Queryable, id: number): Promise<void> {
  await query(db, DELETE, [id]);
}

/** The size and variants of the uploaded images with these keys (absent keys are not uploads). */
export async function findImages(db: Queryable, keys: string[]): Promise<ImageRecord[]> {
  if (keys.length === 0) return [];
  return query<ImageRecord>(db, IMAGES, [keys]);
}

/** The id of the user with this name (any case), or null. */
export async function findUserId(db: Queryable, username: string): Promise<number | null> {
  return (await queryOne<{ id: number }>(db, USER_ID, [username]))?.id ?? null;
}

/** Adds the favorite if the article exists and the user may see it; the counter follows in the same statement. */
export async function insertFavorite(db: Queryable, userId: number, slug: string): Promise<void> {
  await query(db, FAVORITE, [userId, slug]);
}

export async function deleteFavorite(db: Queryable, userId: number, slug: string): Promise<void> {
  await query(db, UNFAVORITE, [userId, slug]);
}

/**
 * True when the search names at least one word the index can look up. A search without one
 * (`-word` alone, `word or -other`, stop words) would have to read and rank every article.
 */
export async function searchHasTerms(db: Queryable, q: string): Promise<boolean> {
  const row = await queryOne<{ tree: string }>(db, SEARCH_TREE, [q]);
  return row !== null && row.tree !== 'T' && row.tree !== '';
}

/**
 * Prepares the open transaction for a search: any later statement running longer than `ms` is
 * cancelled, and statements are planned for their actual parameters.
 */
export async function prepareSearchTransaction(tx: pg.PoolClient, ms: number): Promise<void> {
  await query(tx, SEARCH_SETTINGS, [String(ms)]);
}

// ---------------------------------------------------------------------------------------------
// Lists: one statement for the page and its total, whatever the filters.

/** How one shape of filter finds its page and counts its total. */
interface ListPlan {
  /** Names the prepared statement: one per shape of filter. */
  key: string;
  /** Common table expressions the page and the total read, if any. */
  with?: string;
  /** Rows `a` (articles) come from; may bring its own ordering columns. */
  from: string;
  where: string[];
  order: string;
  /** True when `from` holds only the requested page already (LIMIT and OFFSET applied). */
  paged?: boolean;
  /** A scalar SQL expression for the number of matches. */
  total: string;
}

// Every list statement binds the viewer, the page size and the offset first.
const LIMIT = '$2';
const OFFSET = '$3';

const userIdByName = (p: string) => `(select id from users where lower(username) = lower(${p}))`;
const tagIdByName = (p: string) => `(select id from tags where name = ${p})`;

/** Published articles whose time is still to come, among the rows `from … where` names. */
const stillToCome = (from: string, where: string) =>
  `(select count(*) from ${from} where ${where} and a.published_at > now())`;

/**
 * Chooses how to read a filter. The common shapes (none, one tag, one author, the feed) walk an
 * index in order and read their total from a maintained counter, so they cost the same at 10k
 * and 100k articles. The counters include scheduled articles: their total subtracts those still
 * to come, found at the head of the same index. Other combinations filter and count with indexes.
 */
function planList(filter: ArticleFilter, param: (value: unknown) => string): ListPlan {
  const newest = 'a.published_at desc, a.id desc';
  const { tag, author, favorited, q, feedOf, unpublishedOf } = filter;
  if (unpublishedOf !== undefined) {
    // One author's own: a few rows of the (author, status, published_at) index.
    const where = [`a.author_id = ${param(unpublishedOf.authorId)}`];
    where.push(
      unpublishedOf.status === 'draft' ? "a.status = 'draft'" : "a.status = 'published' and a.published_at > now()",
    );
    if (tag !== undefined) where.push(`${param(tag)} = any (a.tag_list)`);
    return {
      key: `own-${unpublishedOf.status}${tag === undefined ? '' : '+tag'}`,
      from: 'articles a',
      where,
      // Drafts: the one last worked on first; scheduled: the next to appear first.
      order: unpublishedOf.status === 'draft' ? 'a.updated_at desc, a.id desc' : 'a.published_at, a.id',
      total: `(select count(*) from articles a where ${where.join(' and ')})`,
    };
  }
  if (feedOf !== undefined) {
    // Each followed author's newest (offset + limit) articles, merged: bounded by what one page
    // can need, however many articles the others wrote.
    const follower = param(feedOf);
    return {
      key: 'feed',
      from: `(select followee_id from follows where follower_id = ${follower}) as f
             cross join lateral (
               select * from articles a1
                where a1.author_id = f.followee_id and a1.status = 'published' and a1.published_at <= now()
                order by a1.published_at desc, a1.id desc
                limit ${LIMIT}::int + ${OFFSET}::int) as a`,
      where: [],
      order: newest,
      total: `(select coalesce(sum(u.articles_count), 0) from follows f join users u on u.id = f.followee_id where f.follower_id = ${follower})
              - ${stillToCome(
                `follows f join articles a on a.author_id = f.followee_id and a.status = 'published'`,
                `f.follower_id = ${follower}`,
              )}`,
    };
  }
  const given = [tag, author, favorited, q].filter((value) => value !== undefined).length;
  if (given === 0) {
    return {
      key: 'all',
      from: 'articles a',
      where: [VISIBLE],
      order: newest,
      total: `(select articles_count from article_totals) - ${stillToCome('articles a', "a.status = 'published'")}`,
    };
  }
  if (given === 1 && tag !== undefined) {
    // The (tag, published_at) index, in order: constant cost however popular the tag. Only
    // published articles have article_tags rows.
    const name = param(tag);
    return {
      key: 'tag',
      from: 'article_tags at join articles a on a.id = at.article_id',
      where: [`at.tag_id = ${tagIdByName(name)}`, 'at.article_published_at <= now()'],
      order: 'at.article_published_at desc, at.article_id desc',
      total: `coalesce((select articles_count from tags where name = ${name}), 0)
              - (select count(*) from article_tags at
                  where at.tag_id = ${tagIdByName(name)} and at.article_published_at > now())`,
    };
  }
  if (given === 1 && author !== undefined) {
    const name = param(author);
    return {
      key: 'author',
      from: 'articles a',
      where: [`a.author_id = ${userIdByName(name)}`, VISIBLE],
      order: newest,
      total: `coalesce((select articles_count from users where lower(username) = lower(${name})), 0)
              - ${stillToCome('articles a', `a.author_id = ${userIdByName(name)} and a.status = 'published'`)}`,
    };
  }
  const key: string[] = [];
  // Conditions on `a` besides the tag, which a search reads in its own way.
  const where: string[] = [VISIBLE];
  let tagName: string | undefined;
  if (tag !== undefined) {
    key.push('tag');
    tagName = param(tag);
  }
  const tagId = tagName === undefined ? undefined : tagIdByName(tagName);
  if (author !== undefined) {
    key.push('author');
    where.push(`a.author_id = ${userIdByName(param(author))}`);
  }
  if (favorited !== undefined) {
    key.push('favorited');
    where.push(`a.id in (select fv.article_id from favorites fv where fv.user_id = ${userIdByName(param(favorited))})`);
  }
  if (q !== undefined) {
    key.push('q');
    return { key: key.join('+'), ...planSearch(q, tagName, where, filter.searchCandidates, param) };
  }
  return {
    key: key.join('+'),
    from: 'articles a',
    where: [...tagged(tagId), ...where],
    order: newest,
    total: `(select count(*) from articles a where ${[...tagged(tagId), ...where].join(' and ')})`,
  };
}

/** The condition that `a` carries the tag, when one is given. */
const tagged = (tagId: string | undefined): string[] =>
  tagId === undefined
    ? []
    : [`exists (select 1 from article_tags at where at.tag_id = ${tagId} and at.article_id = a.id)`];

/**
 * How a search finds its page. Only N matches (N = `candidates`, at most SEARCH_COUNT_MAX) are
 * ranked and counted, so neither grows with the table; the newest first. The newest 2N articles
 * (of the other filters) are read in date order and tested, which finds the newest N matches of
 * common words; when fewer than N of them match, older matches fill the rest as the word index
 * (or the table) yields them, which finds every match of a rarer word. Without the bound on the
 * first step, the planner, which does not count what testing an article costs (reading its
 * vector), walks every article by date for a word in one article in twenty. Ranking (ts_rank on
 * the stored, weighted vector, no length normalisation) reads each candidate once; only the
 * page's rows are then read in full, with their authors.
 */
function planSearch(
  q: string,
  tagName: string | undefined,
  where: string[],
  candidates: number | undefined,
  param: (value: unknown) => string,
): Omit<ListPlan, 'key'> {
  const tsquery = `websearch_to_tsquery('english', ${param(q)})`;
  const n = param(Math.min(candidates ?? SEARCH_COUNT_MAX, SEARCH_COUNT_MAX));
  // A tag's newest articles come off its (tag, date) index in order. Older matches are tested
  // against the article's own tag list: through article_tags, the planner would test a popular
  // tag's every article for a word that is rare in it.
  const recent =
    tagName === undefined
      ? { from: 'articles a', where, order: 'a.published_at desc, a.id desc' }
      : {
          from: 'article_tags at join articles a on a.id = at.article_id',
          where: [`at.tag_id = ${tagIdByName(tagName)}`, 'at.article_published_at <= now()', ...where],
          order: 'at.article_published_at desc, at.article_id desc',
        };
  const older = [
    ...(tagName === undefined ? [] : [`${tagName} = any(a.tag_list)`]),
    ...where,
    `a.search @@ ${tsquery}`,
  ];
  const ranked = 'r.rank desc, r.published_at desc, r.id desc';
  return {
    with: `recent_matches as materialized (
             select recent.id, recent.published_at
               from (select a.id, a.published_at, a.search from ${recent.from}
                      ${recent.where.length > 0 ? `where ${recent.where.join(' and ')}` : ''}
                      order by ${recent.order}
                      limit 2 * ${n}) as recent
              where recent.search @@ ${tsquery}
              limit ${n}),
           candidates as materialized (
             select found.id, found.published_at, ts_rank(matched.search, ${tsquery}) as rank
               from (select id, published_at from recent_matches
                     union
                     (select a.id, a.published_at from articles a
                       where ${older.join(' and ')}
                         and (select count(*) from recent_matches) < ${n}
                       limit ${n})
                     order by published_at desc, id desc
                     limit ${n}) as found
               join articles matched on matched.id = found.id)`,
    from: `(select r.id, r.rank, r.published_at from candidates r order by ${ranked} limit ${LIMIT} offset ${OFFSET}) as r
           join articles a on a.id = r.id`,
    where: [],
    order: ranked,
    paged: true,
    total: '(select count(*) from candidates)',
  };
}

const listStatements = new Map<string, Statement>();

/**
 * One page of articles (newest first, or with `q` best match first among the newest matches) and
 * the number that match (for a search, at most its candidates), in one statement.
 */
export async function listArticles(
  db: Queryable,
  filter: ArticleFilter,
  viewerId: number | null,
  page: PageRequest,
): Promise<ArticlePage> {
  const values: unknown[] = [viewerId, page.limit, page.offset];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const plan = planList(filter, param);
  const name = `articles.list:${plan.key}${page.withBody ? '+body' : ''}`;
  let statement = listStatements.get(name);
  if (!statement) {
    // row_number() carries the page order through the outer join, which keeps one row with the
    // total even when the page is empty.
    statement = sql(
      name,
      `with ${plan.with === undefined ? '' : `${plan.with},`} page as (
         select ${columns(page.withBody === true)},
                row_number() over (order by ${plan.order}) as position
           from ${plan.from}
           join users u on u.id = a.author_id
          ${plan.where.length > 0 ? `where ${plan.where.join(' and ')}` : ''}
          order by ${plan.order}
          ${plan.paged ? '' : `limit ${LIMIT} offset ${OFFSET}`}
       )
       select ${plan.total} as "articlesCount", page.*
         from (select 1) as one
         left join page on true
        order by page.position`,
    );
    listStatements.set(name, statement);
  }
  const rows = await query<ArticleRow & { articlesCount: number; position: number | null }>(db, statement, values);
  const first = rows[0];
  return {
    total: Number(first?.articlesCount ?? 0),
    rows: first?.id == null ? [] : rows,
  };
}
