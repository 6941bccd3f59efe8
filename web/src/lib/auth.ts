import { unwrap } from '@inkwell/client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

import { api } from './api-client';
import { getServerSession, getSession, getToken, setSession, subscribeSession, type SessionUser } from './session';

export type { SessionUser } from './session';

export const authKeys = {
  all: ['auth'] as const,
  currentUser: () => [...authKeys.all, 'current-user'] as const,
};

/** `GET /user`: refreshes the stored user from the API (the token stays the one sent). */
export async function getCurrentUser(): Promise<SessionUser> {
  const { user } = await unwrap(api.GET('/user'));
  setSession(user);
  return user;
}

export const getCurrentUserQueryOptions = () =>
  queryOptions({ queryKey: authKeys.currentUser(), queryFn: getCurrentUser, staleTime: 5 * 60_000 });

/**
 * The signed-in user, or null; re-renders on sign-in and sign-out (in any tab). Hydrating a
 * server-rendered page, the first pass renders signed out as the server did (no mismatch), and the
 * stored session follows at once.
 */
export function useSession(): SessionUser | null {
  return useSyncExternalStore(subscribeSession, getSession, getServerSession);
}

/** Checks a stored session against the API once per app start; a refused token signs out. */
export function useSessionRefresh(): void {
  const session = useSession();
  useQuery({ ...getCurrentUserQueryOptions(), enabled: session !== null });
}

/** Stores the user answered by sign-in or sign-up; the app provider then refetches what depends on it. */
export function signIn(user: SessionUser): void {
  setSession(user);
}

/**
 * Signs out here at once, then asks the API to end the session (`POST /users/logout`), so the
 * token is refused from then on wherever it was copied to. Here the reader is signed out
 * whatever the API answers, offline included; a token the API never heard about then lasts
 * until its session expires.
 */
export async function signOut(): Promise<void> {
  const token = getToken();
  setSession(null);
  if (token === null) return;
  try {
    // Sent by hand: the session it belongs to is no longer the stored one.
    await api.POST('/users/logout', { headers: { Authorization: `Token ${token}` } });
  } catch {
    // Unreachable: nothing more to do from here.
  }
}
