// What the benchmark measures and the goal for each: the reads a Conduit front page, an article
// page and a signed-in reader's feed make, and the server-rendered article page through nginx,
// rendered for every request (a cache miss) and from the micro-cache (a hit). Fixtures (a common
// tag, articles with a typical page of comments, a reader following ~20 authors) are picked from
// the seeded data.
import pg from 'pg';
import { FIRST_USER_FOLLOWS } from '../seed/plan.js';

export interface Goal {
  /** Requests per second at least. */
  minRps: number;
  /** 99th percentile latency at most, in ms (when set). */
  maxP99Ms?: number;
}

export interface Target {
  id: string;
  /** What the report shows, e.g. "GET /articles?limit=20". */
  label: string;
  /**
   * Paths taken in turn by each connection: under the API base, or on the site (nginx) for `page`
   * targets. `[<id>]` in a path becomes a fresh id for every request.
   */
  paths: string[];
  headers?: Record<string, string>;
  goal: Goal;
  /**
   * Checks one answer before the load starts, so the benchmark never measures an error page: the
   * parsed JSON for API targets, the HTML text for page targets.
   */
  check(body: unknown, response: Response): string | null;
  /** What the fixture is, for the report. */
  note: string;
  /** A public page through nginx, whose CPU time is the renderer's (else an API read). */
  page?: boolean;
  /** An API request through nginx (the site's /api/v1) rather than to the API process directly. */
  edge?: boolean;
  /** A write: its method and JSON body (default: GET, no body). */
  method?: 'POST';
  body?: string;
}

export interface Fixtures {
  tag: string;
  tagArticles: number;
  /** Articles whose comments page is typical of a read article (5–20 comments). */
  slugs: string[];
  averageComments: number;
  reader: { email: string; follows: number; feedArticles: number };
}

const SAMPLE_ARTICLES = 100;

/** Picks the fixtures from the seeded database. */
export async function pickFixtures(databaseUrl: string): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tag = await client.query<{ name: string; n: number }>(
      'select name, articles_count as n from tags where articles_count > 0 order by articles_count desc, name limit 1',
    );
    // Deterministic sample: the articles with 5–20 comments, spread over the whole history.
    const articles = await client.query<{ slug: string; comments: string }>(
      `with counted as (
         select a.id, a.slug, count(c.id) as comments
           from articles a join comments c on c.article_id = a.id
          group by a.id having count(c.id) between 5 and 20)
       select slug, comments from counted order by md5(slug) limit $1`,
      [SAMPLE_ARTICLES],
    );
    const reader = await client.query<{ email: string; follows: string; feed: string }>(
      `with readers as (
         select follower_id as id, count(*) as follows from follows group by follower_id
          order by abs(count(*) - $1), follower_id limit 1)
       select u.email, r.follows,
              (select count(*) from articles a where a.author_id in (select followee_id from follows where follower_id = r.id)) as feed
         from readers r join users u on u.id = r.id`,
      [FIRST_USER_FOLLOWS],
    );
    const top = tag.rows[0];
    const found = reader.rows[0];
    if (!top || !found || articles.rows.length === 0) throw new Error('the database holds no seeded data to measure');
    return {
      tag: top.name,
      tagArticles: Number(top.n),
      slugs: articles.rows.map((row) => row.slug),
      averageComments: articles.rows.reduce((sum, row) => sum + Number(row.comments), 0) / articles.rows.length,
      reader: { email: found.email, follows: Number(found.follows), feedArticles: Number(found.feed) },
    };
  } finally {
    await client.end();
  }
}

function list(expected: number) {
  return (body: unknown): string | null => {
    const page = body as { articles?: unknown[]; articlesCount?: number };
    if (!Array.isArray(page.articles)) return 'no articles array';
    return page.articles.length === expected ? null : `${page.articles.length} articles instead of ${expected}`;
  };
}

/**
 * The goals of anonymous reads on one API process (issue 14): they are answered from its cache of
 * anonymous reads, so they cost about what a small static answer does.
 */
export const LIST_GOAL: Goal = { minRps: 8_000, maxP99Ms: 5 };
const TAGS_GOAL: Goal = { minRps: 10_000, maxP99Ms: 5 };
const FEED_GOAL: Goal = { minRps: 1_500, maxP99Ms: 15 };
/** The anonymous list through nginx, as `npm start` serves it. */
const EDGE_LIST_GOAL: Goal = { minRps: 4_000, maxP99Ms: 10 };
/** Writes: recorded to compare runs (their cost is the database's); no goal of their own yet. */
const WRITE_GOAL: Goal = { minRps: 50 };

/** The list of newest articles, as the home page asks for it. */
export function listTarget(id = 'list', articles?: number): Target {
  return {
    id,
    label: 'GET /articles?limit=20',
    paths: ['/articles?limit=20'],
    goal: LIST_GOAL,
    check: list(20),
    note: articles === undefined ? 'anonymous, newest first' : `anonymous, ${articles.toLocaleString('en')} articles`,
  };
}

/** Every target of the main run. */
export function mainTargets(fixtures: Fixtures, token: string, articles: number): Target[] {
  const { slugs } = fixtures;
  return [
    listTarget('list', articles),
    {
      id: 'tag',
      label: `GET /articles?tag=${fixtures.tag}`,
      paths: [`/articles?tag=${encodeURIComponent(fixtures.tag)}`],
      goal: LIST_GOAL,
      check: list(20),
      note: `most used tag (${fixtures.tagArticles.toLocaleString('en')} articles)`,
    },
    {
      id: 'article',
      label: 'GET /articles/{slug}',
      paths: slugs.map((slug) => `/articles/${slug}`),
      goal: LIST_GOAL,
      check: (body) =>
        typeof (body as { article?: { body?: unknown } }).article?.body === 'string' ? null : 'no article body',
      note: `${slugs.length} articles in turn, anonymous`,
    },
    {
      id: 'comments',
      label: 'GET /articles/{slug}/comments',
      paths: slugs.map((slug) => `/articles/${slug}/comments`),
      goal: LIST_GOAL,
      check: (body) => (Array.isArray((body as { comments?: unknown }).comments) ? null : 'no comments array'),
      note: `same articles, ${fixtures.averageComments.toFixed(1)} comments on average`,
    },
    {
      id: 'feed',
      label: 'GET /articles/feed',
      paths: ['/articles/feed'],
      headers: { authorization: `Token ${token}` },
      goal: FEED_GOAL,
      check: list(Math.min(20, fixtures.reader.feedArticles)),
      note: `reader following ${fixtures.reader.follows} authors (${fixtures.reader.feedArticles.toLocaleString('en')} articles)`,
    },
    {
      id: 'tags',
      label: 'GET /tags',
      paths: ['/tags'],
      goal: TAGS_GOAL,
      check: (body) => (Array.isArray((body as { tags?: unknown }).tags) ? null : 'no tags array'),
      note: 'the 100 most used',
    },
  ];
}

/** The anonymous list through nginx (client and upstream keep-alive, the API's cache behind it). */
export function edgeTargets(articles: number): Target[] {
  return [{ ...listTarget('edge-list', articles), goal: EDGE_LIST_GOAL, edge: true, note: 'through nginx' }];
}

/**
 * Writes a signed-in reader makes, each through the whole write path (rate limit, transaction,
 * the notification every replica's cache hears, the wait for it to come back). Measured last:
 * they add rows and empty the read cache.
 */
export function writeTargets(fixtures: Fixtures, token: string): Target[] {
  const { slugs } = fixtures;
  const headers = { authorization: `Token ${token}`, 'content-type': 'application/json' };
  const has = (field: string) => (body: unknown) =>
    (body as Record<string, unknown>)[field] === undefined ? `no ${field}` : null;
  return [
    {
      id: 'write-article',
      label: 'POST /articles',
      paths: ['/articles'],
      method: 'POST',
      headers,
      body: JSON.stringify({
        article: {
          title: 'Benchmark article',
          description: 'Written by the benchmark',
          body: 'Body',
          tagList: ['bench'],
        },
      }),
      goal: WRITE_GOAL,
      check: has('article'),
      note: 'signed in, one tag',
    },
    {
      id: 'write-comment',
      label: 'POST /articles/{slug}/comments',
      paths: slugs.map((slug) => `/articles/${slug}/comments`),
      method: 'POST',
      headers,
      body: JSON.stringify({ comment: { body: 'A comment from the benchmark' } }),
      goal: WRITE_GOAL,
      check: has('comment'),
      note: `on ${slugs.length} articles in turn`,
    },
    {
      id: 'write-favorite',
      label: 'POST /articles/{slug}/favorite',
      paths: slugs.map((slug) => `/articles/${slug}/favorite`),
      method: 'POST',
      headers,
      goal: WRITE_GOAL,
      check: has('article'),
      note: `${slugs.length} articles in turn (again: idempotent)`,
    },
  ];
}

/** An article page as the renderer sends it, from nginx: HTML with the article's own title. */
function renderedArticle(cache: 'MISS' | 'HIT') {
  return (body: unknown, response: Response): string | null => {
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('text/html')) return `content type ${type}`;
    if (!/<h1[\s>]/.test(String(body))) return 'no <h1> in the page';
    const status = response.headers.get('x-cache-status');
    return status === cache ? null : `X-Cache-Status ${status} instead of ${cache}`;
  };
}

/** The page goals: a render per request, and a copy from nginx's micro-cache. */
export const PAGE_MISS_GOAL: Goal = { minRps: 150, maxP99Ms: 150 };
export const PAGE_HIT_GOAL: Goal = { minRps: 3_000, maxP99Ms: 15 };

/** The article page through nginx: rendered each time (a query string nobody else uses), and cached. */
export function pageTargets(fixtures: Fixtures): Target[] {
  const slugs = fixtures.slugs.slice(0, 20);
  return [
    {
      id: 'page-miss',
      label: 'GET /article/{slug}?b={unique}',
      paths: slugs.map((slug) => `/article/${slug}?b=[<id>]`),
      goal: PAGE_MISS_GOAL,
      check: renderedArticle('MISS'),
      note: `${slugs.length} articles, every request rendered (cache miss)`,
      page: true,
    },
    {
      id: 'page-hit',
      label: 'GET /article/{slug}',
      paths: slugs.map((slug) => `/article/${slug}`),
      goal: PAGE_HIT_GOAL,
      // The preflight request renders it; the second one, the check, finds it cached.
      check: renderedArticle('HIT'),
      note: `the same ${slugs.length} articles from nginx's micro-cache`,
      page: true,
    },
  ];
}
