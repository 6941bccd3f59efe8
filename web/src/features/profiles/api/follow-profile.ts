import { unwrap } from '@inkwell/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { notify } from '@/components/ui/toaster';
import { api } from '@/lib/api-client';
import { describeError } from '@/lib/api-errors';

import type { Profile } from './get-profile';
import { profileKeys } from './profile-keys';

/** `POST` or `DELETE /profiles/{username}/follow` */
export async function setFollowing(username: string, follow: boolean): Promise<Profile> {
  const init = { params: { path: { username } } };
  const result = follow
    ? await api.POST('/profiles/{username}/follow', init)
    : await api.DELETE('/profiles/{username}/follow', init);
  return (await unwrap(result)).profile;
}

/** Follows at once (optimistic) and goes back if the server refuses. */
export function useFollowProfile(username: string) {
  const queryClient = useQueryClient();
  const queryKey = profileKeys.detail(username);
  return useMutation({
    mutationFn: (follow: boolean) => setFollowing(username, follow),
    onMutate: async (follow) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<Profile>(queryKey);
      queryClient.setQueryData<Profile>(queryKey, (profile) => (profile ? { ...profile, following: follow } : profile));
      return { previous };
    },
    onError: (error, follow, context) => {
      queryClient.setQueryData(queryKey, context?.previous);
      notify(`${follow ? "Couldn't follow" : "Couldn't unfollow"} ${username}. ${describeError(error)}`);
    },
    onSuccess: (profile) => queryClient.setQueryData(queryKey, profile),
  });
}
