import { queryOptions, useQuery } from '@tanstack/react-query';

import { articleRequest } from './article-requests';

export type { Article } from './article-requests';

export const getArticleQueryOptions = (slug: string) => queryOptions(articleRequest(slug));

export function useArticle(slug: string) {
  return useQuery(getArticleQueryOptions(slug));
}
