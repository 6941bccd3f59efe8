import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

export const tagKeys = {
  all: ['tags'] as const,
  popular: () => [...tagKeys.all, 'popular'] as const,
};

/** `GET /tags`: the most used first. */
export async function listTags(signal?: AbortSignal): Promise<string[]> {
  return unwrap(await api.GET('/tags', { signal })).tags;
}

export const getTagsQueryOptions = () =>
  queryOptions({ queryKey: tagKeys.popular(), queryFn: ({ signal }) => listTags(signal), staleTime: 5 * 60_000 });

export function usePopularTags() {
  return useQuery(getTagsQueryOptions());
}
