import { readFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * The frame of every server-rendered page: the web build's own index.html (its hashed entry script
 * and stylesheet), with the page's head, its rendered HTML in place of the shell the build put
 * into #root, and its query cache. Read and cut into pieces once, at start-up.
 *
 * A rendered page leaves out index.html's module preloads. The app's own index.html preloads the
 * app chunk so that the single-page app renders sooner; a rendered page is already whole, and its
 * entry loads the app and the page's code only once the page has loaded (main.tsx). Preloaded,
 * those scripts would compete with the page's cover and stylesheet for a slow connection, and
 * Lighthouse counts the largest paint as waiting for them. For the same reason a built page's
 * script is not the app's entry but the few hundred bytes of src/rendered-page.ts, which loads the
 * app's entry once the page is on screen (`data-app-entry`).
 */

export interface PageParts {
  /** React's hoisted elements: the `<title>`, preloads of the first images. */
  hoisted: string;
  /** The page's own head: description, canonical URL, Open Graph, JSON-LD… */
  head: string;
  /** The app's HTML, rendered into #root. */
  body: string;
  /** The embedded state element (lib/embedded-state.ts). */
  state: string;
}

export interface PageTemplate {
  /** index.html as the build wrote it: what a page that is not rendered here gets. */
  readonly appHtml: string;
  render(parts: PageParts): string;
}

const TITLE = /<title>[^<]*<\/title>/;
const DESCRIPTION = /<meta\s+name="description"[^>]*>/;
/** The root element and the shell in it, up to the end of the body (the dev server's index.html has the entry script there). */
const ROOT = /(<div id="root">)[\s\S]*?(<\/div>\s*(?:<script\b[^>]*><\/script>\s*)*<\/body>)/;
/** A module preload and the line it stands on. */
const MODULE_PRELOAD = /[ \t]*<link\b[^>]*\brel="modulepreload"[^>]*>\n?/g;
/** The app's entry script, as the build writes it into index.html. */
const APP_ENTRY = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
/** The key of the rendered pages' entry in the build's manifest (vite.config.ts). */
const RENDERED_PAGE_ENTRY = 'src/rendered-page.ts';

/**
 * Cuts index.html into the pieces a page is put together from; throws if the build's markers are
 * missing. `renderedPageEntry` (the built src/rendered-page.ts) takes the place of the app's entry
 * script; without it (the dev server) pages load the app's entry straight away.
 */
export function createPageTemplate(indexHtml: string, renderedPageEntry?: string): PageTemplate {
  const missing = [
    TITLE.test(indexHtml) ? null : '<title>',
    DESCRIPTION.test(indexHtml) ? null : '<meta name="description">',
    ROOT.test(indexHtml) ? null : '<div id="root">…</div> before </body>',
    renderedPageEntry === undefined || APP_ENTRY.test(indexHtml) ? null : "the app's entry <script>",
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`index.html lacks ${missing.join(', ')}`);

  const framed =
    renderedPageEntry === undefined
      ? indexHtml
      : indexHtml.replace(
          APP_ENTRY,
          (_script, appEntry: string) =>
            `<script type="module" crossorigin src="${renderedPageEntry}" data-app-entry="${appEntry}"></script>`,
        );
  const marked = framed
    .replace(MODULE_PRELOAD, '')
    .replace(TITLE, '\u0000hoisted\u0000')
    .replace(DESCRIPTION, '\u0000head\u0000')
    .replace(ROOT, '$1\u0000body\u0000$2')
    .replace(/<\/body>/, '\u0000state\u0000</body>');
  // Pieces and slots alternate: [text, slot, text, slot, …, text].
  const pieces = marked.split('\u0000');

  return {
    appHtml: indexHtml,
    render(parts) {
      const slots: Record<string, string> = { ...parts };
      return pieces.map((piece, index) => (index % 2 === 1 ? (slots[piece] ?? '') : piece)).join('');
    },
  };
}

/** The template from a web build folder: its index.html, and from its manifest the rendered pages' entry. */
export async function loadPageTemplate(webDist: string): Promise<PageTemplate> {
  const [indexHtml, manifestJson] = await Promise.all([
    readFile(path.join(webDist, 'index.html'), 'utf8'),
    readFile(path.join(webDist, '.vite', 'manifest.json'), 'utf8'),
  ]);
  const manifest = JSON.parse(manifestJson) as Record<string, { file?: string } | undefined>;
  const entry = manifest[RENDERED_PAGE_ENTRY]?.file;
  if (!entry) throw new Error(`the build's manifest names no ${RENDERED_PAGE_ENTRY}`);
  return createPageTemplate(indexHtml, `/${entry}`);
}
