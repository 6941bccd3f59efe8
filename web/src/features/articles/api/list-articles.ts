import type { components } from '@inkwell/openapi';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

import { ARTICLES_PER_PAGE, articleKeys, type ArticleListFilters } from './article-keys';

export type ArticleListPage = components['schemas']['MultipleArticlesResponse'];
export type ArticleListItem = components['schemas']['ArticleListItem'];

function pageParams(page: number) {
  return { limit: ARTICLES_PER_PAGE, offset: (Math.max(1, page) - 1) * ARTICLES_PER_PAGE };
}

/** `GET /articles`: newest first, or best match first with `q`. */
export async function listArticles({ page, ...filters }: ArticleListFilters, signal?: AbortSignal): Promise<ArticleListPage> {
  return unwrap(await api.GET('/articles', { params: { query: { ...filters, ...pageParams(page) } }, signal }));
}

export const getArticlesQueryOptions = (filters: ArticleListFilters) =>
  queryOptions({
    queryKey: articleKeys.list(filters),
    queryFn: ({ signal }) => listArticles(filters, signal),
    // Turning a page keeps the old cards until the new ones arrive: no collapse, no jump.
    placeholderData: keepPreviousData,
  });

export function useArticles(filters: ArticleListFilters) {
  return useQuery(getArticlesQueryOptions(filters));
}

/** `GET /articles/feed`: articles by the authors the signed-in user follows. */
export async function listFeedArticles(page: number, signal?: AbortSignal): Promise<ArticleListPage> {
  return unwrap(await api.GET('/articles/feed', { params: { query: pageParams(page) }, signal }));
}

export const getFeedQueryOptions = (page: number) =>
  queryOptions({
    queryKey: articleKeys.feed(page),
    queryFn: ({ signal }) => listFeedArticles(page, signal),
    placeholderData: keepPreviousData,
    // Who is followed changes on other pages; the feed is always fetched fresh when shown.
    staleTime: 0,
  });

export function useFeedArticles(page: number, enabled = true) {
  return useQuery({ ...getFeedQueryOptions(page), enabled });
}
