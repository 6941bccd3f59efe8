#!/usr/bin/env node
// Checks the first-visit JavaScript budget of the production build.
//
// Usage: node scripts/check-bundle.mjs [budgetKB]   (after `vite build`; default budget 100)
//
// KB here is 1000 bytes of gzip at level 9 (the convention of the `gzip-size` tools); brotli,
// which nginx can serve precompressed, is shown beside it for information.
//
// Reads dist/.vite/manifest.json, sums the gzip size of the entry chunk and every chunk it
// imports statically (what a first visit must download before anything renders), prints the
// figure with each chunk, and exits 1 over budget. Lazy (dynamic) chunks are listed apart:
// they load only when a page needs them. Plain Node, no build tool involved.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetKb = Number(process.argv[2] ?? 100);

/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch (error) {
  console.error(`check-bundle: cannot read dist/.vite/manifest.json (run the build first): ${error.message}`);
  process.exit(1);
}

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1000;
const brotliKb = (file) => brotliCompressSync(readFileSync(join(dist, file))).length / 1000;

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length === 0) {
  console.error('check-bundle: the manifest has no entry chunk');
  process.exit(1);
}

// The entry and, transitively, its static imports.
const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const dep of manifest[key]?.imports ?? []) visit(dep);
};
for (const [key] of entries) visit(key);

let total = 0;
let totalBrotli = 0;
console.log('First-visit JavaScript (entry and its static imports), gzip:');
for (const key of initial) {
  const { file } = manifest[key];
  if (!file.endsWith('.js')) continue;
  const kb = gzipKb(file);
  total += kb;
  totalBrotli += brotliKb(file);
  console.log(`  ${kb.toFixed(1).padStart(6)} KB  ${file}`);
}

const lazy = Object.entries(manifest).filter(([key, chunk]) => !initial.has(key) && chunk.file.endsWith('.js'));
console.log(`Loaded on demand: ${lazy.length} chunks, largest ${Math.max(0, ...lazy.map(([, c]) => gzipKb(c.file))).toFixed(1)} KB gzip`);

const verdict = total <= budgetKb ? 'within' : 'OVER';
console.log(`Initial JS: ${total.toFixed(1)} KB gzip, ${totalBrotli.toFixed(1)} KB brotli (${verdict} the ${budgetKb} KB gzip budget)`);
process.exit(total <= budgetKb ? 0 : 1);
