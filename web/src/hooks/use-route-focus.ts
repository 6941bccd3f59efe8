import { useEffect, useRef, type RefObject } from 'react';
import { NavigationType, useLocation, useNavigationType } from 'react-router';

/**
 * After client-side navigation, moves focus to the main region and scrolls to the top, as a
 * full page load would: keyboard and screen-reader users start on the new page, not on the
 * link they left behind. A new query on the same page (another page of a list, a tag) scrolls to
 * the top too, where the new list starts, but keeps the focus on the link that asked for it; Back
 * and Forward leave the scroll to the browser, which restores it. A page that moves its own
 * address (`state: { continued: true }`, the editor when its draft gets a slug) keeps the focus
 * where the writer is typing.
 */
export function useRouteFocus(target: RefObject<HTMLElement | null>): void {
  const { pathname, search, state } = useLocation();
  const pushed = useNavigationType() === NavigationType.Push;
  const shown = useRef({ pathname, search });
  useEffect(() => {
    const before = shown.current;
    shown.current = { pathname, search };
    if (before.pathname === pathname) {
      if (before.search !== search && pushed) window.scrollTo?.({ top: 0 });
      return;
    }
    if ((state as { continued?: boolean } | null)?.continued) return;
    target.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0 });
  }, [pathname, search, state, pushed, target]);
}
