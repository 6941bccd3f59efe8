import { useEffect } from 'react';
import { useNavigate } from 'react-router';

import { PageSkeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { signOut } from '@/lib/auth';

/**
 * Signing out is a page of its own: by the time it runs, the signed-in-only page that linked
 * here is gone, so it cannot bounce the reader to the sign-in form on its way out. The reader is
 * signed out here at once; the API ends the session in the background.
 */
export function SignOutRoute() {
  const navigate = useNavigate();
  useEffect(() => {
    void signOut();
    navigate(paths.home.href(), { replace: true });
  }, [navigate]);
  return <PageSkeleton />;
}
