import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * After client-side navigation, moves focus to the main region and scrolls to the top, as a
 * full page load would: keyboard and screen-reader users start on the new page, not on the
 * link they left behind. Query-only changes (pages, tabs) keep the scroll position of the list,
 * and a page that moves its own address (`state: { continued: true }`, the editor when its draft
 * gets a slug) keeps the focus where the writer is typing.
 */
export function useRouteFocus(target: RefObject<HTMLElement | null>): void {
  const { pathname, state } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    if ((state as { continued?: boolean } | null)?.continued) return;
    target.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0 });
  }, [pathname, state, target]);
}
