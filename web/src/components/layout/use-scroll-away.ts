import { useEffect, useState, type RefObject } from 'react';

/** How far the page must move one way before the header follows: a finger's jitter is no scroll. */
const SCROLL_TOLERANCE_PX = 8;

/**
 * Whether the sticky `element` should get out of the way: true while the reader scrolls down past
 * it, false again as soon as they scroll up or are back at the top, and never while the focus is
 * inside it (a keyboard user tabbing into it brings it back). Browsers fire `scroll` at most once
 * a frame, so reading `scrollY` there costs no extra layout. The stylesheet decides where hiding
 * applies (narrow screens) and how it moves.
 */
export function useScrollAway(element: RefObject<HTMLElement | null>): boolean {
  const [away, setAway] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let lastY = window.scrollY;
    const onScroll = () => {
      const y = window.scrollY;
      if (y <= target.offsetHeight) {
        lastY = y;
        setAway(false);
        return;
      }
      if (Math.abs(y - lastY) < SCROLL_TOLERANCE_PX) return;
      const down = y > lastY;
      lastY = y;
      setAway(down && !target.contains(document.activeElement));
    };
    const onFocusIn = () => setAway(false);
    window.addEventListener('scroll', onScroll);
    target.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('scroll', onScroll);
      target.removeEventListener('focusin', onFocusIn);
    };
  }, [element]);
  return away;
}
