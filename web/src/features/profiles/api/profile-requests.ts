import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';

import { api, type ApiClient, type RequestOptions } from '@/lib/api-client';
import type { QueryRequest } from '@/lib/query-request';

import { profileKeys } from './profile-keys';

/*
 * A profile as a request, free of React and TanStack Query like the other request modules: the
 * server renderer builds it with its own client for the profile pages.
 */

export type Profile = components['schemas']['Profile'];

/** `GET /profiles/{username}` */
export async function getProfile(username: string, { signal, client = api }: RequestOptions = {}): Promise<Profile> {
  return (await unwrap(client.GET('/profiles/{username}', { params: { path: { username } }, signal }))).profile;
}

export const profileRequest = (username: string, client?: ApiClient) =>
  ({
    queryKey: profileKeys.detail(username),
    queryFn: ({ signal }) => getProfile(username, { signal, client }),
  }) satisfies QueryRequest<unknown, Profile>;
