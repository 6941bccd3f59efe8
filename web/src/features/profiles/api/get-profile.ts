import type { components } from '@inkwell/openapi';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

import { profileKeys } from './profile-keys';

export type Profile = components['schemas']['Profile'];

/** `GET /profiles/{username}` */
export async function getProfile(username: string, signal?: AbortSignal): Promise<Profile> {
  return unwrap(await api.GET('/profiles/{username}', { params: { path: { username } }, signal })).profile;
}

export const getProfileQueryOptions = (username: string) =>
  queryOptions({ queryKey: profileKeys.detail(username), queryFn: ({ signal }) => getProfile(username, signal) });

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
