import { unwrap } from '@inkwell/client';

import { api, type ApiClient, type RequestOptions } from '@/lib/api-client';
import type { QueryRequest } from '@/lib/query-request';

/*
 * The tag list as a request. Free of React and TanStack Query, like the article requests: the
 * entry (app/first-screen.ts) starts it with the home page's articles.
 */

export const tagKeys = {
  all: ['tags'] as const,
  popular: () => [...tagKeys.all, 'popular'] as const,
};

/** `GET /tags`: the most used first. */
export async function listTags({ signal, client = api }: RequestOptions = {}): Promise<string[]> {
  return (await unwrap(client.GET('/tags', { signal }))).tags;
}

export const popularTagsRequest = (client?: ApiClient) =>
  ({
    queryKey: tagKeys.popular(),
    queryFn: ({ signal }) => listTags({ signal, client }),
  }) satisfies QueryRequest<unknown, string[]>;
