import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { signIn, type SessionUser } from '@/lib/auth';

export type Credentials = components['schemas']['LoginUser'];

/** `POST /users/login` */
export async function loginUser(credentials: Credentials): Promise<SessionUser> {
  return (await unwrap(api.POST('/users/login', { body: { user: credentials } }))).user;
}

export function useSignInMutation() {
  return useMutation({ mutationFn: loginUser, onSuccess: signIn });
}
