import { imageSourceOf, type ImageAsset } from '@inkwell/rules';
import { Marked, type Parser, type Token, type Tokens } from 'marked';

/*
 * Article bodies are untrusted Markdown. This renderer makes them safe by itself, with no DOM, so
 * the server renders the same HTML as the browser: raw HTML in a body is escaped (the contract says
 * it is shown as text), every attribute value is escaped, and links and images keep only the URLs
 * below. It emits nothing DOMPurify's configuration (lib/markdown-sanitizer.ts) would remove: no
 * classes, no form controls. In the browser DOMPurify checks the result again as a second layer.
 * Loaded on demand (lib/load-markdown.ts): marked is too heavy for the first visit.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Links may lead to web pages, mail, the site itself (not `//other.host`) and anchors. */
export const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;
/** Images come from the web or the site itself. */
export const SAFE_IMAGE = /^(https?:|\/(?!\/))/i;

/** How an image in the body is drawn: the column of text, at most 42rem. */
const BODY_IMAGE_SIZES = '(min-width: 46rem) 42rem, calc(100vw - 2rem)';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * marked hands link destinations, titles and alt text over with character references as written
 * (`&#106;avascript:`), which a browser would decode in the attribute. The common ones are decoded
 * here; the result is then escaped whole (`escapeHtml`), so any reference left is shown as written
 * and the value the browser sees is exactly the one checked.
 */
function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|(\w+));/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED[name as string] ?? whole;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

/**
 * Text that looks as if it closed a comment or a raw-text element (`-->`, `</script`…): harmless
 * once escaped, but DOMPurify drops any attribute holding it (its SAFE_FOR_XML rule), so the
 * renderer leaves such a title or alt out too, and the browser's check finds nothing to change.
 */
const MARKUP_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;

/** ` name="value"` from Markdown text (references decoded, everything escaped), or nothing. */
function attribute(name: string, text: string): string {
  const value = decodeReferences(text);
  return MARKUP_BREAKOUT.test(value) ? '' : ` ${name}="${escapeHtml(value)}"`;
}

/**
 * The URL as the attribute will hold it (not yet escaped), or null when it is not one to keep:
 * references decoded and marked's own cleaning (percent-encoding what a URL may not contain), then
 * the scheme check on that very value, so a space, a control character or a character reference
 * before `javascript:` cannot slip past it.
 */
function cleanUrl(href: string, allowed: RegExp): string | null {
  let url: string;
  try {
    url = encodeURI(decodeReferences(href)).replace(/%25/g, '%');
  } catch {
    return null; // a lone surrogate: not a URL
  }
  return allowed.test(url) ? url : null;
}

/** How far the body's headings move down so that its top level becomes h2 (set per render). */
let headingShift = 1;
/** The uploads the body shows, with their sizes and variants (set per render). */
let knownImages: readonly ImageAsset[] = [];

/**
 * `<img>` for a Markdown image, or '' for one whose URL is not kept. Its size and srcset come
 * from its upload's record, or from hints on the URL (`imageSourceOf`). In a figure the title is
 * the caption, so the image does not carry it again.
 */
function imageHtml(parser: Parser, { href, title, text, tokens }: Tokens.Image, titled: boolean): string {
  const alt = tokens ? parser.parseInline(tokens, parser.textRenderer) : text;
  const url = cleanUrl(href, SAFE_IMAGE);
  if (url === null) return '';
  const image = imageSourceOf(url, knownImages);
  let html = `<img src="${escapeHtml(image.src)}"${attribute('alt', alt)}`;
  if (title && titled) html += attribute('title', title);
  if (image.width && image.height) html += ` width="${image.width}" height="${image.height}"`;
  // A comma or space in the address would split it into other srcset candidates.
  if (image.srcSet && !/[\s,]/.test(image.src))
    html += ` srcset="${escapeHtml(image.srcSet)}" sizes="${BODY_IMAGE_SIZES}"`;
  return `${html} loading="lazy" decoding="async">`;
}

/** A paragraph holding one image with a title and nothing else: the image and its caption. */
function captionedImage(tokens: Token[]): Tokens.Image | null {
  const [only] = tokens;
  return tokens.length === 1 && only?.type === 'image' && (only as Tokens.Image).title ? (only as Tokens.Image) : null;
}

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
    // No `class="language-…"`: nothing styles it, and the sanitizer keeps no classes.
    code({ text, escaped }: Tokens.Code) {
      const code = text.replace(/\n$/, '') + '\n';
      return `<pre><code>${escaped ? code : escapeHtml(code)}</code></pre>\n`;
    },
    // Task lists as text marks, not disabled checkboxes: the body holds no form controls.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '☑ ' : '☐ ';
    },
    link({ href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      const url = cleanUrl(href, SAFE_LINK);
      if (url === null) return text;
      const external = /^https?:/i.test(url) ? ' rel="nofollow ugc noopener noreferrer"' : '';
      const titled = title ? attribute('title', title) : '';
      return `<a href="${escapeHtml(url)}"${titled}${external}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      return imageHtml(this.parser, token, true);
    },
    // An image alone in its paragraph with a title (`![alt](url "caption")`) is a captioned figure.
    paragraph({ tokens }: Tokens.Paragraph) {
      const captioned = captionedImage(tokens);
      const image = captioned ? imageHtml(this.parser, captioned, false) : '';
      if (!captioned || image === '') return false; // marked's own paragraph
      const caption = escapeHtml(decodeReferences(captioned.title ?? ''));
      return `<figure>${image}<figcaption>${caption}</figcaption></figure>\n`;
    },
  },
});

/**
 * Markdown to HTML that is safe to insert: no scripts, no event handlers, no `javascript:` URLs.
 * `images` are the uploads it may show (an article's `images`): their sizes and variants.
 */
export function renderMarkdown(markdown: string, images: readonly ImageAsset[] = []): string {
  knownImages = images;
  const tokens = marked.lexer(markdown);
  // The page's title is the only h1; the body's headings nest under it without skipping a level.
  let top = 6;
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') top = Math.min(top, (token as Tokens.Heading).depth);
  });
  headingShift = 2 - top;
  return marked.parser(tokens);
}
