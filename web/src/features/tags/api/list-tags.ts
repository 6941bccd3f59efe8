import { queryOptions, useQuery } from '@tanstack/react-query';

import { popularTagsRequest } from './tag-requests';

export const getTagsQueryOptions = () => queryOptions({ ...popularTagsRequest(), staleTime: 5 * 60_000 });

export function usePopularTags() {
  return useQuery(getTagsQueryOptions());
}
