import { queryOptions, useQuery } from '@tanstack/react-query';

import { commentsRequest } from './comment-requests';

export const getCommentsQueryOptions = (slug: string) => queryOptions(commentsRequest(slug));

export function useComments(slug: string) {
  return useQuery(getCommentsQueryOptions(slug));
}
