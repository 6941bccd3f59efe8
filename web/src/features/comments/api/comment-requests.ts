import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';

import { api, type ApiClient, type RequestOptions } from '@/lib/api-client';
import type { QueryRequest } from '@/lib/query-request';

import { commentKeys } from './comment-keys';

/*
 * An article's comments as a request. Free of React and TanStack Query, like the article requests:
 * the entry (app/first-screen.ts) starts it with the article it lands on.
 */

export type Comment = components['schemas']['Comment'];

/** `GET /articles/{slug}/comments`: newest first, at most 100 (the contract's bound). */
export async function listComments(slug: string, { signal, client = api }: RequestOptions = {}): Promise<Comment[]> {
  return (await unwrap(client.GET('/articles/{slug}/comments', { params: { path: { slug } }, signal }))).comments;
}

export const commentsRequest = (slug: string, client?: ApiClient) =>
  ({
    queryKey: commentKeys.list(slug),
    queryFn: ({ signal }) => listComments(slug, { signal, client }),
  }) satisfies QueryRequest<unknown, Comment[]>;
