import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { PublicPageName } from '@/app/public-pages';

/*
 * The frame of every server-rendered page: the web build's own index.html (its hashed scripts,
 * stylesheet and module preloads), with the page's head, its rendered HTML in place of the shell
 * the build put into #root, and its query cache. Read and cut into pieces once, at start-up.
 */

export interface PageParts {
  /** React's hoisted elements: the `<title>`, preloads of the first images. */
  hoisted: string;
  /** The page's own head: description, canonical URL, Open Graph, JSON-LD… */
  head: string;
  /** Which page's code to preload: its chunk and what it imports beyond the entry. */
  chunk: PublicPageName | 'not-found';
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

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const TITLE = /<title>[^<]*<\/title>/;
const DESCRIPTION = /<meta\s+name="description"[^>]*>/;
/** The root element and the shell in it, up to the end of the body (the dev server's index.html has the entry script there). */
const ROOT = /(<div id="root">)[\s\S]*?(<\/div>\s*(?:<script\b[^>]*><\/script>\s*)*<\/body>)/;

const CHUNK_SOURCES: Record<PageParts['chunk'], string> = {
  home: 'src/app/routes/home.tsx',
  article: 'src/app/routes/article.tsx',
  profile: 'src/app/routes/profile.tsx',
  search: 'src/app/routes/search.tsx',
  'not-found': 'src/app/routes/not-found.tsx',
};

/** The manifest keys of `keys` and everything they import statically. */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const found = new Set<string>();
  const visit = (key: string): void => {
    if (found.has(key)) return;
    found.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return found;
}

/**
 * `<link rel="modulepreload">` for a page's chunk and its imports beyond what index.html loads
 * already: the browser fetches them while it parses the page, and the app finds them in place
 * when it hydrates, instead of discovering them only once the entry has run.
 */
function pagePreloads(manifest: Manifest): Record<PageParts['chunk'], string> {
  const initial = closure(
    manifest,
    Object.keys(manifest).filter((key) => manifest[key]?.isEntry),
  );
  const links = {} as Record<PageParts['chunk'], string>;
  for (const [chunk, source] of Object.entries(CHUNK_SOURCES) as [PageParts['chunk'], string][]) {
    const files = manifest[source]
      ? [...closure(manifest, [source])].filter((key) => !initial.has(key)).map((key) => manifest[key]?.file)
      : [];
    links[chunk] = files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
  }
  return links;
}

/** Cuts index.html into the pieces a page is put together from; throws if the build's markers are missing. */
export function createPageTemplate(indexHtml: string, manifest: Manifest): PageTemplate {
  const missing = [
    TITLE.test(indexHtml) ? null : '<title>',
    DESCRIPTION.test(indexHtml) ? null : '<meta name="description">',
    ROOT.test(indexHtml) ? null : '<div id="root">…</div> before </body>',
    indexHtml.includes('</head>') ? null : '</head>',
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`index.html lacks ${missing.join(', ')}`);

  const marked = indexHtml
    .replace(TITLE, '\u0000hoisted\u0000')
    .replace(DESCRIPTION, '\u0000head\u0000')
    .replace('</head>', '\u0000preloads\u0000</head>')
    .replace(ROOT, '$1\u0000body\u0000$2')
    .replace(/<\/body>/, '\u0000state\u0000</body>');
  // Pieces and slots alternate: [text, slot, text, slot, …, text].
  const pieces = marked.split('\u0000');
  const preloads = pagePreloads(manifest);

  return {
    appHtml: indexHtml,
    render(parts) {
      const slots: Record<string, string> = { ...parts, preloads: preloads[parts.chunk] };
      return pieces.map((piece, index) => (index % 2 === 1 ? (slots[piece] ?? '') : piece)).join('');
    },
  };
}

/** The template from a web build folder: its index.html and Vite's manifest. */
export async function loadPageTemplate(webDist: string): Promise<PageTemplate> {
  const [indexHtml, manifest] = await Promise.all([
    readFile(path.join(webDist, 'index.html'), 'utf8'),
    readFile(path.join(webDist, '.vite', 'manifest.json'), 'utf8').then((text) => JSON.parse(text) as Manifest),
  ]);
  return createPageTemplate(indexHtml, manifest);
}
