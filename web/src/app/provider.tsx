import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';

import { getSession, subscribeSession } from '@/lib/session';

/** Signing in, out or as someone else changes what every answer says (`favorited`, `following`). */
function useRefetchOnIdentityChange(queryClient: QueryClient): void {
  useEffect(() => {
    let identity = getSession()?.username ?? null;
    return subscribeSession(() => {
      const next = getSession()?.username ?? null;
      if (next === identity) return;
      identity = next;
      void queryClient.resetQueries();
    });
  }, [queryClient]);
}

export function AppProvider({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  useRefetchOnIdentityChange(queryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
