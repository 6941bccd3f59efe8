import { queryOptions, useQuery } from '@tanstack/react-query';

import { profileRequest, type Profile } from './profile-requests';

export type { Profile } from './profile-requests';

export const getProfileQueryOptions = (username: string) => queryOptions(profileRequest(username));

/**
 * A profile; `known` (the author embedded in an article) shows at once and seeds the cache, so
 * a follow made on the article page is the one the profile page shows.
 */
export function useProfile(username: string, known?: Profile) {
  return useQuery({
    ...getProfileQueryOptions(username),
    ...(known ? { initialData: known, staleTime: Infinity } : {}),
  });
}
