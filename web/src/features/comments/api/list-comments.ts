import type { components } from '@inkwell/openapi';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

import { commentKeys } from './comment-keys';

export type Comment = components['schemas']['Comment'];

/** `GET /articles/{slug}/comments`: newest first, at most 100 (the contract's bound). */
export async function listComments(slug: string, signal?: AbortSignal): Promise<Comment[]> {
  return unwrap(await api.GET('/articles/{slug}/comments', { params: { path: { slug } }, signal })).comments;
}

export const getCommentsQueryOptions = (slug: string) =>
  queryOptions({ queryKey: commentKeys.list(slug), queryFn: ({ signal }) => listComments(slug, signal) });

export function useComments(slug: string) {
  return useQuery(getCommentsQueryOptions(slug));
}
