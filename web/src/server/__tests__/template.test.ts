/** @jest-environment node */
import { describe, expect, test } from '@jest/globals';

import { createPageTemplate } from '@/server/template';

/** index.html as the production build writes it: hashed entry, stylesheet, the app's preloads, the shell. */
const BUILT_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Inkwell — stories worth reading</title>
    <meta
      name="description"
      content="Inkwell is an open publishing platform."
    />
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-abc.css">
    <link rel="modulepreload" crossorigin href="/assets/app-abc.js">
    <link rel="modulepreload" crossorigin href="/assets/rolldown-runtime-abc.js">
  </head>
  <body>
    <div id="root"><header>shell</header><main><div class="page-skeleton"></div></main></div>
  </body>
</html>
`;

const parts = {
  hoisted: '<title>The lamp room</title><link rel="preload" as="image" href="/lamp.webp" fetchPriority="high"/>',
  head: '<meta name="description" content="Keeping the lens turning."/>',
  body: '<main><h1>The lamp room</h1></main>',
  state: '<script type="application/json" id="inkwell-state">{}</script>',
};

describe('the page template', () => {
  test('When a page is put together, then it has the entry and the stylesheet but no module preload', () => {
    const html = createPageTemplate(BUILT_INDEX).render(parts);

    expect(html).not.toContain('modulepreload');
    expect(html.match(/<script\b[^>]*\bsrc=/g)).toEqual(['<script type="module" crossorigin src=']);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/index-abc.css">');
    expect(html).toContain(`<head>\n    <meta charset="UTF-8" />\n    ${parts.hoisted}\n    ${parts.head}\n`);
    expect(html).toContain(`<div id="root">${parts.body}</div>\n  ${parts.state}</body>`);
    expect(html).not.toContain('shell');
  });

  test('When the build has an entry for rendered pages, then a page loads it, naming the app entry for later', () => {
    const html = createPageTemplate(BUILT_INDEX, '/assets/rendered-page-abc.js').render(parts);

    expect(html.match(/<script\b[^>]*\bsrc=[^>]*>/g)).toEqual([
      '<script type="module" crossorigin src="/assets/rendered-page-abc.js" data-app-entry="/assets/index-abc.js">',
    ]);
    expect(html).not.toContain('modulepreload');
  });

  test('When a rendered-page entry is given but index.html has no entry script to replace, then the template says so', () => {
    const withoutEntry = BUILT_INDEX.replace(/<script type="module"[^>]*><\/script>/, '');

    expect(() => createPageTemplate(withoutEntry, '/assets/rendered-page-abc.js')).toThrow(
      "index.html lacks the app's entry <script>",
    );
  });

  test('When a page only the app shows is asked for, then index.html comes as built, preloads and all', () => {
    const template = createPageTemplate(BUILT_INDEX);

    expect(template.appHtml).toBe(BUILT_INDEX);
    expect(template.appHtml.match(/rel="modulepreload"/g)).toHaveLength(2);
  });

  test('When index.html lacks a marker, then the template says which', () => {
    expect(() => createPageTemplate('<html><head></head><body></body></html>')).toThrow(
      'index.html lacks <title>, <meta name="description">, <div id="root">…</div> before </body>',
    );
  });
});
