import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { signIn, type SessionUser } from '@/lib/auth';

export type Registration = components['schemas']['NewUser'];

/** `POST /users` */
export async function createUser(user: Registration): Promise<SessionUser> {
  return (await unwrap(api.POST('/users', { body: { user } }))).user;
}

export function useSignUpMutation() {
  return useMutation({ mutationFn: createUser, onSuccess: signIn });
}
