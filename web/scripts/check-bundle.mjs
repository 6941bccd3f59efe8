#!/usr/bin/env node
// Checks the first-visit JavaScript budget of the production build.
//
// Usage: node scripts/check-bundle.mjs [budgetKB]   (after `vite build`; default budget 100)
//
// KB here is 1000 bytes of gzip at level 9 (the convention of the `gzip-size` tools); brotli,
// which nginx can serve precompressed, is shown beside it for information.
//
// First-visit JavaScript is what dist/index.html makes every visit download before the app can
// render: its module scripts and <link rel="modulepreload"> files, with every chunk they import
// statically (from dist/.vite/manifest.json). The script prints each file and the total, and
// exits 1 over budget. The landing pages' own chunks (home, article), which the entry requests
// right away for those addresses, are listed apart. Over HTTP/1.1 every file is a connection, so
// the first visit may be three files at most and a landing page two more; other lazy chunks load
// only when a page needs them. A server-rendered page loads none of that before it is on screen,
// only its own entry (src/rendered-page.ts), which must stay within RENDERED_PAGE_BUDGET_KB and
// import nothing. Plain Node, no build tool involved.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetKb = Number(process.argv[2] ?? 100);
const LANDING_PAGES = ['src/app/routes/home.tsx', 'src/app/routes/article.tsx'];
// The page's own chunk and the one the landing pages share (the chunk groups in vite.config.ts).
// Over HTTP/1.1 every further file is another connection and round trip on the first screen.
const MAX_LANDING_FILES = 2;
// The entry, the app chunk (libraries and shell) and the bundler's small runtime.
const MAX_INITIAL_FILES = 3;
// What a server-rendered page loads beside its cover: it competes with the cover on a slow link.
const RENDERED_PAGE_ENTRY = 'src/rendered-page.ts';
const RENDERED_PAGE_BUDGET_KB = 1;

/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
let manifest;
let html;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch (error) {
  console.error(`check-bundle: cannot read the build (run it first): ${error.message}`);
  process.exit(1);
}

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1000;
const brotliKb = (file) => brotliCompressSync(readFileSync(join(dist, file))).length / 1000;
const keyOfFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));

/** A chunk and, transitively, its static imports (manifest keys), skipping those in `seen`. */
function closure(keys, seen = new Set()) {
  const found = new Set();
  const visit = (key) => {
    if (seen.has(key) || found.has(key)) return;
    found.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return found;
}

const loadedByHtml = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/([^"]+\.js)"/g)].map(
  ([, file]) => file,
);
const unknown = loadedByHtml.filter((file) => !keyOfFile.has(file));
if (loadedByHtml.length === 0 || unknown.length > 0) {
  console.error(`check-bundle: index.html loads no script the manifest knows (${unknown.join(', ') || 'none found'})`);
  process.exit(1);
}
const initial = closure(loadedByHtml.map((file) => keyOfFile.get(file)));

function report(title, keys) {
  let gzip = 0;
  let brotli = 0;
  console.log(title);
  for (const key of keys) {
    const { file } = manifest[key];
    const kb = gzipKb(file);
    gzip += kb;
    brotli += brotliKb(file);
    console.log(`  ${kb.toFixed(1).padStart(6)} KB  ${file}`);
  }
  return { gzip, brotli };
}

const total = report('First-visit JavaScript (what index.html loads, and its static imports), gzip:', initial);
const tooManyFiles =
  initial.size > MAX_INITIAL_FILES ? [`the first visit (${initial.size}, at most ${MAX_INITIAL_FILES})`] : [];
for (const page of LANDING_PAGES) {
  if (!manifest[page]) continue;
  const name = page.replace(/^.*\/|\.tsx$/g, '');
  const chunks = closure([page], initial);
  const own = report(`Landing on ${name} adds:`, chunks);
  console.log(`  ${own.gzip.toFixed(1).padStart(6)} KB  in all`);
  if (chunks.size > MAX_LANDING_FILES) tooManyFiles.push(`${name} (${chunks.size}, at most ${MAX_LANDING_FILES})`);
}

// The rendered pages' entry is reported on its own below, not as a chunk the app loads on demand.
const lazy = Object.entries(manifest).filter(
  ([key, chunk]) => !initial.has(key) && key !== RENDERED_PAGE_ENTRY && chunk.file.endsWith('.js'),
);
console.log(
  `Loaded on demand: ${lazy.length} chunks, largest ${Math.max(0, ...lazy.map(([, c]) => gzipKb(c.file))).toFixed(1)} KB gzip`,
);

const renderedPage = manifest[RENDERED_PAGE_ENTRY];
const renderedPageKb = renderedPage ? gzipKb(renderedPage.file) : Infinity;
const renderedPageFits = renderedPageKb <= RENDERED_PAGE_BUDGET_KB && (renderedPage?.imports ?? []).length === 0;
console.log(
  renderedPage
    ? `Rendered pages load ${renderedPage.file}: ${renderedPageKb.toFixed(1)} KB gzip, ${(renderedPage.imports ?? []).length} imports (${renderedPageFits ? 'within' : 'OVER'} ${RENDERED_PAGE_BUDGET_KB} KB and none)`
    : `Rendered pages: no ${RENDERED_PAGE_ENTRY} in the manifest`,
);

const verdict = total.gzip <= budgetKb ? 'within' : 'OVER';
console.log(
  `Initial JS: ${total.gzip.toFixed(1)} KB gzip, ${total.brotli.toFixed(1)} KB brotli (${verdict} the ${budgetKb} KB gzip budget)`,
);
if (tooManyFiles.length > 0) {
  console.log(
    `Too many files: ${tooManyFiles.join(', ')}; add the modules they split off to a chunk group in vite.config.ts`,
  );
}
process.exit(total.gzip <= budgetKb && tooManyFiles.length === 0 && renderedPageFits ? 0 : 1);
