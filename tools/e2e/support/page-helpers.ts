// Waiting on what the app does rather than on time: the API call a click causes, an image that
// has really loaded, the images in view before a screenshot.
import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';

const API_PREFIX = '/api/v1';

/**
 * Runs `action` (a click, a file choice) and returns the JSON of the API call it causes:
 * `method` on `apiPath` (exact path after /api/v1, or a pattern), answered with `status`.
 */
export async function apiCallOf<T = unknown>(
  page: Page,
  method: string,
  apiPath: string | RegExp,
  status: number,
  action: () => Promise<unknown>,
): Promise<T> {
  const matches = (response: Response): boolean => {
    const url = new URL(response.url());
    if (response.request().method() !== method || !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    const rest = url.pathname.slice(API_PREFIX.length);
    return typeof apiPath === 'string' ? rest === apiPath : apiPath.test(rest);
  };
  const answered = page.waitForResponse(matches);
  answered.catch(() => undefined); // reported below, unless the action itself failed first
  await action();
  const response = await answered.catch((error: unknown) => {
    throw new Error(`${method} ${API_PREFIX}${String(apiPath)} was not called (or not answered)`, { cause: error });
  });
  // Chromium keeps no body for a 204, and asking for it fails.
  const text = response.status() === 204 ? '' : await response.text();
  assert.equal(response.status(), status, `${method} ${response.url()} answered ${response.status()}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface LoadedImage {
  /** The src attribute, resolved. */
  src: string;
  /** What the browser actually fetched (a srcset candidate or src). */
  currentSrc: string;
  naturalWidth: number;
  naturalHeight: number;
}

/** Scrolls `image` into view (lazy images load then), waits until it has loaded, and describes it. */
export async function loadedImage(image: Locator): Promise<LoadedImage> {
  await image.scrollIntoViewIfNeeded();
  // Runs in the page: no named inner functions there, since tsx (esbuild keepNames) would wrap
  // them in a __name() helper that exists only in Node.
  await image.evaluate(
    (img: HTMLImageElement) =>
      new Promise<void>((resolve, reject) => {
        const message = `the image did not load: ${img.currentSrc || img.src}`;
        if (img.complete && img.currentSrc) {
          if (img.naturalWidth > 0) resolve();
          else reject(new Error(message));
          return;
        }
        img.addEventListener('load', () => resolve(), { once: true });
        img.addEventListener('error', () => reject(new Error(message)), { once: true });
      }),
  );
  return image.evaluate((img: HTMLImageElement) => ({
    src: img.src,
    currentSrc: img.currentSrc,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
  }));
}

/**
 * Asserts that `image` loaded its bytes straight from the object store (`assetBaseUrl`, a
 * different origin from the page), not through nginx or the API.
 */
export async function assertServedByObjectStore(
  image: Locator,
  assetBaseUrl: string,
  what: string,
): Promise<LoadedImage> {
  const loaded = await loadedImage(image);
  const base = `${assetBaseUrl.replace(/\/+$/, '')}/`;
  assert.ok(loaded.src.startsWith(base), `${what}: src ${loaded.src} is not under ${base}`);
  assert.equal(
    new URL(loaded.currentSrc).origin,
    new URL(assetBaseUrl).origin,
    `${what}: loaded from ${loaded.currentSrc}`,
  );
  assert.ok(loaded.currentSrc.startsWith(base), `${what}: loaded from ${loaded.currentSrc}, not under ${base}`);
  assert.ok(
    loaded.naturalWidth > 0 && loaded.naturalHeight > 0,
    `${what}: ${loaded.naturalWidth}×${loaded.naturalHeight}`,
  );
  return loaded;
}

/** Waits until every image inside the viewport has finished loading, so a screenshot shows them. */
export async function settleImages(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.images].every((img) => {
      const box = img.getBoundingClientRect();
      const inView = box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
      return !inView || img.complete;
    }),
  );
}
