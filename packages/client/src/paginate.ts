// paginate(): every item of a paged list, one page (`limit`, `offset`) at a time. Article lists
// say how many items match (`articlesCount`), so their iteration stops there; comment lists stop
// at a page shorter than `limit`; every list stops at an empty page.
import type { Client } from 'openapi-fetch';
import { unwrap } from './api-error.js';
import type { components, operations, paths } from './generated/schema.js';

type ArticleListItem = components['schemas']['ArticleListItem'];
type Comment = components['schemas']['Comment'];
type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>;

/** The lists `paginate()` walks. */
export type PaginatedPath = '/articles' | '/articles/feed' | '/articles/{slug}/comments';

/** Options of `paginate()`. */
export interface PaginateOptions<Query> {
  /**
   * The list's query: its filters, `limit` as the page size (else the API's default), and
   * `offset` as where to start (default 0).
   */
  query?: Query;
  /** Aborts the call in flight; the iteration then throws the signal's reason. */
  signal?: AbortSignal;
}

/** Any openapi-fetch client on the contract's `paths`, such as an `InkwellClient`. */
type ListClient = Pick<Client<paths>, 'GET'>;

interface Page<Item> {
  items: Item[];
  /** How many items the whole list holds, when the API says. */
  total?: number;
}

async function* walk<Item>(
  load: (offset: number) => Promise<Page<Item>>,
  start: number,
  limit: number | undefined,
): AsyncGenerator<Item, void, undefined> {
  let offset = start;
  for (;;) {
    const { items, total } = await load(offset);
    yield* items;
    // By what arrived, not by `limit`: a short page skips nothing.
    offset += items.length;
    if (items.length === 0) return;
    if (total !== undefined) {
      if (offset >= total) return;
    } else if (limit !== undefined && items.length < limit) {
      return;
    }
  }
}

/**
 * Every article of a list, newest first (best match first with `q`), fetched a page at a time:
 *
 *     for await (const article of paginate(client, '/articles', { query: { tag: 'dragons', limit: 50 } })) { … }
 *
 * Offsets count from the newest: items published or deleted meanwhile can shift a later page, so
 * an item may come twice or be missed. Throws `InkwellApiError` for an error answer.
 */
export function paginate(
  client: ListClient,
  path: '/articles',
  options?: PaginateOptions<QueryOf<'listArticles'>>,
): AsyncGenerator<ArticleListItem, void, undefined>;
/** The signed-in user's feed (articles by the authors they follow), as for `/articles`. */
export function paginate(
  client: ListClient,
  path: '/articles/feed',
  options?: PaginateOptions<QueryOf<'listFeedArticles'>>,
): AsyncGenerator<ArticleListItem, void, undefined>;
/** The comments on one article, newest first: `paginate(client, '/articles/{slug}/comments', { path: { slug } })`. */
export function paginate(
  client: ListClient,
  path: '/articles/{slug}/comments',
  options: PaginateOptions<QueryOf<'listArticleComments'>> & { path: { slug: string } },
): AsyncGenerator<Comment, void, undefined>;
export function paginate(
  client: ListClient,
  path: PaginatedPath,
  options: PaginateOptions<{ limit?: number; offset?: number }> & { path?: { slug: string } } = {},
): AsyncGenerator<ArticleListItem | Comment, void, undefined> {
  const { query = {}, signal } = options;
  const start = query.offset ?? 0;
  switch (path) {
    case '/articles':
      return walk(
        async (offset) => {
          const page = await unwrap(
            client.GET('/articles', { params: { query: { ...(query as QueryOf<'listArticles'>), offset } }, signal }),
          );
          return { items: page.articles, total: page.articlesCount };
        },
        start,
        query.limit,
      );
    case '/articles/feed':
      return walk(
        async (offset) => {
          const page = await unwrap(
            client.GET('/articles/feed', {
              params: { query: { ...(query as QueryOf<'listFeedArticles'>), offset } },
              signal,
            }),
          );
          return { items: page.articles, total: page.articlesCount };
        },
        start,
        query.limit,
      );
    case '/articles/{slug}/comments': {
      const slug = options.path?.slug;
      if (slug === undefined) throw new TypeError('paginate: the comments of which article? Give path: { slug }');
      return walk(
        async (offset) => {
          const page = await unwrap(
            client.GET('/articles/{slug}/comments', {
              params: { path: { slug }, query: { ...(query as QueryOf<'listArticleComments'>), offset } },
              signal,
            }),
          );
          return { items: page.comments };
        },
        start,
        query.limit,
      );
    }
  }
}
