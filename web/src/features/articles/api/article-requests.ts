import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';

import { api, type ApiClient, type RequestOptions } from '@/lib/api-client';
import type { QueryRequest } from '@/lib/query-request';

import { ARTICLES_PER_PAGE, articleKeys, type ArticleListFilters } from './article-keys';

/*
 * The article reads as requests: a fetcher and the query key its answer is cached under. The
 * query options (list-articles.ts, get-article.ts) add caching policy and hooks on top. This
 * module must not import React or TanStack Query: the entry (app/first-screen.ts) starts the first
 * screen's request with it before the app's code has arrived. The server renderer builds the same
 * requests with its own client (`client`), so both sides cache the same answers under the same keys.
 */

export type ArticleListPage = components['schemas']['MultipleArticlesResponse'];
export type ArticleListItem = components['schemas']['ArticleListItem'];
export type Article = components['schemas']['Article'];

function pageParams(page: number) {
  return { limit: ARTICLES_PER_PAGE, offset: (Math.max(1, page) - 1) * ARTICLES_PER_PAGE };
}

/** `GET /articles`: newest first, or best match first with `q`. */
export async function listArticles(
  { page, ...filters }: ArticleListFilters,
  { signal, client = api }: RequestOptions = {},
): Promise<ArticleListPage> {
  return unwrap(client.GET('/articles', { params: { query: { ...filters, ...pageParams(page) } }, signal }));
}

/** `GET /articles/feed`: articles by the authors the signed-in user follows. */
export async function listFeedArticles(
  page: number,
  { signal, client = api }: RequestOptions = {},
): Promise<ArticleListPage> {
  return unwrap(client.GET('/articles/feed', { params: { query: pageParams(page) }, signal }));
}

/** `GET /articles/{slug}` */
export async function getArticle(slug: string, { signal, client = api }: RequestOptions = {}): Promise<Article> {
  return (await unwrap(client.GET('/articles/{slug}', { params: { path: { slug } }, signal }))).article;
}

export const articleListRequest = (filters: ArticleListFilters, client?: ApiClient) =>
  ({
    queryKey: articleKeys.list(filters),
    queryFn: ({ signal }) => listArticles(filters, { signal, client }),
  }) satisfies QueryRequest<unknown, ArticleListPage>;

export const feedRequest = (page: number) =>
  ({
    queryKey: articleKeys.feed(page),
    queryFn: ({ signal }) => listFeedArticles(page, { signal }),
  }) satisfies QueryRequest<unknown, ArticleListPage>;

export const articleRequest = (slug: string, client?: ApiClient) =>
  ({
    queryKey: articleKeys.detail(slug),
    queryFn: ({ signal }) => getArticle(slug, { signal, client }),
  }) satisfies QueryRequest<unknown, Article>;
