import { afterLargestPaint } from '@/lib/largest-paint';

/*
 * The entry of a page the server rendered, in place of the app's own (server/template.ts). The page
 * is readable as it arrives; the app is needed only to make it interactive. So this small script is
 * all that loads beside the page's stylesheet and cover: it waits until the page has loaded and its
 * largest paint is on screen, then loads the app's entry (main.tsx), which hydrates the page. On a
 * slow connection none of the app's code competes with the cover for bandwidth, and Lighthouse
 * counts none of it as something the largest paint waited for. Imports nothing the app's entry
 * imports, so the two entries share no chunk.
 */

/** The script element the renderer wrote: `data-app-entry` is the app's entry, as index.html names it. */
const script = document.querySelector<HTMLScriptElement>('script[data-app-entry]');
const appEntry = script?.dataset.appEntry;

if (appEntry) {
  void afterLargestPaint().then(() => import(/* @vite-ignore */ appEntry));
}
