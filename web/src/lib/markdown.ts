import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

import { parseImageUrl } from '@/utils/image-url';

/*
 * Loaded on demand (article and editor preview only): marked and DOMPurify are too heavy for the
 * first visit. Article bodies are untrusted. Two independent layers keep them inert:
 * raw HTML is escaped by the Markdown renderer (the contract says it is shown as text), and
 * whatever HTML Markdown itself produces passes DOMPurify with only safe URLs allowed.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** How far the body's headings move down so that its top level becomes h2 (set per render). */
let headingShift = 1;

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      return block ? `<p>${escapeHtml(text)}</p>\n` : escapeHtml(text);
    },
    heading({ tokens, depth }: Tokens.Heading) {
      const level = Math.min(depth + headingShift, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;
const SAFE_IMAGE = /^(https?:|\/(?!\/))/i;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_LINK.test(href.trim())) node.removeAttribute('href');
    if (/^https?:/i.test(href ?? '')) node.setAttribute('rel', 'nofollow ugc noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    const raw = node.getAttribute('src') ?? '';
    if (!SAFE_IMAGE.test(raw.trim())) {
      node.remove();
      return;
    }
    const image = parseImageUrl(raw);
    node.setAttribute('src', image.src);
    if (image.width && image.height) {
      node.setAttribute('width', String(image.width));
      node.setAttribute('height', String(image.height));
    }
    if (image.srcSet) {
      node.setAttribute('srcset', image.srcSet);
      node.setAttribute('sizes', '(min-width: 46rem) 42rem, calc(100vw - 2rem)');
    }
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
  }
});

const PURIFY_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'class', 'id', 'srcset'],
};

/** Markdown to HTML that is safe to insert: no scripts, no event handlers, no `javascript:` URLs. */
export function renderMarkdown(markdown: string): string {
  const tokens = marked.lexer(markdown);
  // The page's title is the only h1; the body's headings nest under it without skipping a level.
  let top = 6;
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') top = Math.min(top, (token as Tokens.Heading).depth);
  });
  headingShift = 2 - top;
  const html = marked.parser(tokens);
  return DOMPurify.sanitize(html, PURIFY_CONFIG);
}
