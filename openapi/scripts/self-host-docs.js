// Makes the Redoc page that `redocly build-docs` wrote load nothing from another origin: Redoc's
// standalone bundle, which the page would fetch from Redocly's CDN, is copied next to the page
// under a content-hashed name and the page points at it (the API serves both, /api/v1/docs and
// /api/v1/docs/<name>.js). The copy must be byte for byte the bundle the page was rendered for:
// its hash is checked against the page's own `integrity` attribute.
//
//   node scripts/self-host-docs.js      (after `redocly build-docs … -o dist/docs/index.html`)
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const docsDir = fileURLToPath(new URL('../dist/docs/', import.meta.url));
const pagePath = path.join(docsDir, 'index.html');
/** Where the API serves the page's folder (api/src/app.ts). */
const DOCS_URL = '/api/v1/docs/';
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v([\d.]+)\/bundles\/redoc\.standalone\.js/g;

/**
 * Redoc's standalone bundle: the `redoc` package's bundles/redoc.standalone.js, as @redocly/cli
 * ships it for its own `--inlineBundle` option. Taking the CLI's copy keeps it the very bundle
 * build-docs renders for, with no second package to keep in step with the CLI.
 */
const bundlePath = path.join(
  path.dirname(require.resolve('@redocly/cli/package.json')),
  'lib/chunks/redoc.standalone.js',
);

const html = readFileSync(pagePath, 'utf8');
const versions = new Set([...html.matchAll(CDN_SCRIPT)].map((m) => m[1]));
if (versions.size !== 1) {
  throw new Error(
    `expected the page to load one Redoc bundle from the CDN, found ${versions.size}: has build-docs changed?`,
  );
}
const integrity = /integrity="(sha384-[A-Za-z0-9+/=]+)"/.exec(html)?.[1];
if (!integrity) throw new Error('the page has no integrity hash for the Redoc bundle');

const bytes = readFileSync(bundlePath);
if (`sha384-${createHash('sha384').update(bytes).digest('base64')}` !== integrity) {
  throw new Error(`${bundlePath} is not the Redoc ${[...versions][0]} bundle the page expects (${integrity})`);
}
const name = `redoc.standalone.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.js`;
for (const old of readdirSync(docsDir).filter((file) => /^redoc\.standalone\..*\.js$/.test(file))) {
  rmSync(path.join(docsDir, old));
}
copyFileSync(bundlePath, path.join(docsDir, name));

const page = html.replace(CDN_SCRIPT, `${DOCS_URL}${name}`);
// Anything still loaded from elsewhere (a script, a stylesheet, an image, a font) fails the build;
// plain links to other sites are fine.
const external = [
  ...[...page.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /\bhref=["']?(https?:)?\/\//.test(tag)),
  ...[...page.matchAll(/\b(?:src|srcset|poster)=["']?(?:https?:)?\/\/[^"'\s>]+/g)].map((m) => m[0]),
  ...[...page.matchAll(/\burl\(\s*["']?(?:https?:)?\/\/[^"')\s]+/g)].map((m) => m[0]),
  ...[...page.matchAll(/\bimport\b[^;"']*["'](?:https?:)?\/\/[^"']+/g)].map((m) => m[0]),
];
if (external.length > 0) throw new Error(`the docs page still loads from other origins:\n  ${external.join('\n  ')}`);
writeFileSync(pagePath, page);
console.log(`docs: Redoc ${[...versions][0]} served from ${DOCS_URL}${name}`);
