import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ArticleListFilters } from './article-keys';
import { articleListRequest, feedRequest } from './article-requests';

export type { ArticleListItem, ArticleListPage } from './article-requests';

export const getArticlesQueryOptions = (filters: ArticleListFilters) =>
  queryOptions({
    ...articleListRequest(filters),
    // Turning a page keeps the old cards until the new ones arrive: no collapse, no jump.
    placeholderData: keepPreviousData,
  });

export function useArticles(filters: ArticleListFilters) {
  return useQuery(getArticlesQueryOptions(filters));
}

export const getFeedQueryOptions = (page: number) =>
  queryOptions({
    ...feedRequest(page),
    placeholderData: keepPreviousData,
    // Who is followed changes on other pages; the feed is always fetched fresh when shown.
    staleTime: 0,
  });
