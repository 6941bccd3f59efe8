import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

/** Pages for signed-in users only send everyone else to sign in, and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to={paths.login.href({ redirectTo: `${location.pathname}${location.search}` })} replace />;
  }
  return children;
}
