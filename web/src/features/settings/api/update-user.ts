import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { signIn, type SessionUser } from '@/lib/auth';

export type UserChanges = components['schemas']['UpdateUser'];

/** `PUT /user`: only the fields given change. */
export async function updateCurrentUser(changes: UserChanges): Promise<SessionUser> {
  return (await unwrap(api.PUT('/user', { body: { user: changes } }))).user;
}

export function useUpdateUser() {
  return useMutation({ mutationFn: updateCurrentUser, onSuccess: signIn });
}
