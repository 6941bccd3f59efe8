import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

import { api, unwrap } from './api-client';
import { getServerSession, getSession, setSession, subscribeSession, type SessionUser } from './session';

export type { SessionUser } from './session';

export const authKeys = {
  all: ['auth'] as const,
  currentUser: () => [...authKeys.all, 'current-user'] as const,
};

/** `GET /user`: refreshes the stored session (and its token) from the API. */
export async function getCurrentUser(): Promise<SessionUser> {
  const { user } = unwrap(await api.GET('/user'));
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

export function signOut(): void {
  setSession(null);
}
