// How soon a first-time visitor sees an article: a new browser context (empty cache, no storage),
// the home page, and the time from the start of navigation until the first article preview (a
// card of the list, not its skeleton) has been painted. No throttling: this machine's network
// (loopback) and CPU. The page records the moment itself, so no polling interval is added.
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_FLAGS } from './audit.js';

/** A card of the article list; skeleton cards have no <article> inside. */
export const PREVIEW_SELECTOR = '.card-grid .card__inner';

/**
 * Runs in the page before its own scripts. When a preview first has a box, waits for the frame
 * that draws it (requestAnimationFrame, then a task queued after that frame's paint) and keeps
 * `performance.now()`: milliseconds since the navigation started.
 */
const RECORDER = `(() => {
  const selector = ${JSON.stringify(PREVIEW_SELECTOR)};
  const painted = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__firstPreviewMs = performance.now(); };
    requestAnimationFrame(() => channel.port2.postMessage(null));
  };
  const observer = new MutationObserver(() => {
    const preview = document.querySelector(selector);
    if (!preview || preview.getBoundingClientRect().height === 0) return;
    observer.disconnect();
    painted();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export interface FirstPreviewTimings {
  /** Each cold visit, in milliseconds, in order. */
  visits: number[];
  median: number;
}

/** `visits` cold visits to `homeUrl` after one warm-up visit that is not counted (server caches, JIT). */
export async function measureFirstPreview(homeUrl: string, visits: number): Promise<FirstPreviewTimings> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS.slice(1),
  });
  try {
    const visit = async (): Promise<number> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(RECORDER);
        await page.goto(homeUrl, { waitUntil: 'commit', timeout: 15_000 });
        // A function, not a string: the site's CSP forbids eval, and a string predicate is eval'd.
        const handle = await page.waitForFunction(
          () => (globalThis as { __firstPreviewMs?: number }).__firstPreviewMs,
          undefined,
          {
            timeout: 15_000,
          },
        );
        return Number(await handle.jsonValue());
      } finally {
        await context.close();
      }
    };
    await visit();
    const timings: number[] = [];
    for (let i = 0; i < visits; i += 1) timings.push(await visit());
    return { visits: timings, median: median(timings) };
  } finally {
    await browser.close();
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
