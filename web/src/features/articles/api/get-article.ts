import type { components } from '@inkwell/openapi';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

import { articleKeys } from './article-keys';

export type Article = components['schemas']['Article'];

/** `GET /articles/{slug}` */
export async function getArticle(slug: string, signal?: AbortSignal): Promise<Article> {
  return unwrap(await api.GET('/articles/{slug}', { params: { path: { slug } }, signal })).article;
}

export const getArticleQueryOptions = (slug: string) =>
  queryOptions({ queryKey: articleKeys.detail(slug), queryFn: ({ signal }) => getArticle(slug, signal) });

export function useArticle(slug: string) {
  return useQuery(getArticleQueryOptions(slug));
}
