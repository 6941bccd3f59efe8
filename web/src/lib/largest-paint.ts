/*
 * When a server-rendered page is on screen: loaded (its cover included) and its largest paint
 * shown. The entry waits for this before it fetches the app and hydrates (main.tsx), so that on a
 * slow connection the app's scripts never compete with what the reader is shown first. Neither
 * the `load` event nor the next animation frame says so on its own: a page that loads quickly is
 * often loaded before its first frame is painted, and the frame after `load` runs its callbacks
 * before its pixels reach the screen. The browser's Largest Contentful Paint entries do say so.
 */

/** The image the page marks as its largest (`fetchpriority="high"`: a cover, the first card's). */
const HERO_IMAGE = 'img[fetchpriority="high"]';
/** How long after `load` to wait at most for a paint the browser may never report (a hidden tab, a hero below the fold). */
export const LARGEST_PAINT_WAIT_MS = 500;

/**
 * Resolves once the page has loaded and the browser has reported its largest paint: the hero
 * image's, or, on a page without one, the first. Where the browser reports no such paint, one
 * frame after `load` has to do.
 */
export function afterLargestPaint(doc: Document = document): Promise<void> {
  const view = doc.defaultView ?? window;
  return new Promise((resolve) => {
    const hero = doc.querySelector(HERO_IMAGE);
    const observable = view.PerformanceObserver?.supportedEntryTypes?.includes('largest-contentful-paint') ?? false;
    let observer: PerformanceObserver | undefined;
    let loaded = false;
    let painted = false;
    let done = false;

    const finish = (): void => {
      if (done) return;
      done = true;
      observer?.disconnect();
      // After the task that reported the paint: the next one may start the downloads.
      view.setTimeout(resolve, 0);
    };
    const check = (): void => {
      if (loaded && painted) finish();
    };

    if (observable) {
      observer = new view.PerformanceObserver((list) => {
        const entries = list.getEntries() as LargestContentfulPaint[];
        if (entries.some((entry) => hero === null || entry.element === hero)) {
          painted = true;
          check();
        }
      });
      observer.observe({ type: 'largest-contentful-paint', buffered: true });
    }

    const onLoad = (): void => {
      loaded = true;
      if (observer) {
        check();
        view.setTimeout(finish, LARGEST_PAINT_WAIT_MS);
      } else {
        view.requestAnimationFrame(finish);
      }
    };
    if (doc.readyState === 'complete') onLoad();
    else view.addEventListener('load', onLoad, { once: true });
  });
}
