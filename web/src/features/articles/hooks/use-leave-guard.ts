import { useEffect, useRef } from 'react';

import { setLeaveGuard } from '@/lib/leave-guard';

export const LEAVE_MESSAGE = 'Your latest changes are not saved to your account yet. Leave this page anyway?';

/**
 * While `active`, leaving asks first: inside the app (links, Back) with a confirmation, and
 * closing or reloading the tab with the browser's own question. Returns `leave`, for the page's
 * own navigations (after publishing, or when the address follows a new slug), which never ask.
 */
export function useLeaveGuard(active: boolean) {
  const leaving = useRef(false);
  useEffect(() => {
    if (!active) return;
    setLeaveGuard(() => leaving.current || window.confirm(LEAVE_MESSAGE));
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', ask);
    };
  }, [active]);
  return (navigate: () => void) => {
    leaving.current = true;
    try {
      navigate();
    } finally {
      leaving.current = false;
    }
  };
}
