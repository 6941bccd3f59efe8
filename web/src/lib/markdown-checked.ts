import type { ImageAsset } from '@inkwell/rules';
import DOMPurify from 'dompurify';

import { renderMarkdown as renderSafeMarkdown, SAFE_IMAGE, SAFE_LINK } from './markdown';

/*
 * The browser's Markdown renderer: lib/markdown.ts, whose output is safe by itself (and is what the
 * server renders), checked once more by DOMPurify, an independent second layer. The check can only
 * take something away: when DOMPurify would leave the HTML as it is, the renderer's own string is
 * used, so what the browser renders is byte for byte what the server rendered and hydration finds no
 * difference. Only if the two layers ever disagreed (a bug in the renderer or in marked) would
 * DOMPurify's cleaned version be shown instead.
 */

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_LINK.test(href.trim())) node.removeAttribute('href');
  }
  if (node.tagName === 'IMG') {
    if (!SAFE_IMAGE.test((node.getAttribute('src') ?? '').trim())) {
      node.remove();
      return;
    }
    const srcset = node.getAttribute('srcset');
    const candidates = srcset?.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') ?? [];
    if (candidates.some((url) => !SAFE_IMAGE.test(url))) node.removeAttribute('srcset');
  }
});

const PURIFY_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'class', 'id'],
};

/** `html` as the browser's parser writes it back, the form DOMPurify's result comes in. */
function reserialize(html: string): string {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body.innerHTML;
}

/** The renderer's HTML when DOMPurify agrees it is clean, else DOMPurify's cleaned version. */
export function checkRenderedHtml(html: string): string {
  const purified = DOMPurify.sanitize(html, PURIFY_CONFIG);
  return purified === reserialize(html) ? html : purified;
}

/** Markdown to HTML that is safe to insert: no scripts, no event handlers, no `javascript:` URLs. */
export function renderMarkdown(markdown: string, images: readonly ImageAsset[] = []): string {
  return checkRenderedHtml(renderSafeMarkdown(markdown, images));
}
