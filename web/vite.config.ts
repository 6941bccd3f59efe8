import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

import { dropMockWorker } from './build/drop-mock-worker.js';
import { precompress } from './build/precompress.js';
import { preloadAppStart } from './build/preload-app-start.js';
import { prerenderShell } from './build/prerender-shell.js';
import { pureReactRouter } from './build/pure-react-router.js';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const srcDir = fileURLToPath(new URL('./src', import.meta.url));
const alias = { '@': srcDir };

/** Modules of the app chunk: the libraries and the shell start.tsx renders (see the chunk groups below). */
const APP_CHUNK = new RegExp(
  [
    String.raw`node_modules[\\/](?!marked|dompurify|msw)`,
    String.raw`src[\\/]app[\\/](start|provider|router|require-auth)\.tsx$`,
    String.raw`src[\\/]components[\\/](layout[\\/]|ui[\\/](avatar|link|skeleton|toaster)\.tsx$)`,
    String.raw`src[\\/]hooks[\\/]use-route-focus\.ts$`,
    String.raw`src[\\/]lib[\\/](auth|query-client|leave-guard)\.ts$`,
  ].join('|'),
);

/** Modules both landing pages (home, article) use, beside each page's own. */
const PAGES_CHUNK = new RegExp(
  [
    String.raw`src[\\/]features[\\/]articles[\\/](api[\\/](list-articles|favorite-article|get-article)|components[\\/](article-list|article-card|favorite-button|markdown-body))\.tsx?$`,
    String.raw`src[\\/]features[\\/]profiles[\\/]`,
    String.raw`src[\\/]components[\\/]ui[\\/](cover-image|pagination|notice|field)\.tsx$`,
    String.raw`src[\\/](utils[\\/]format|lib[\\/]api-errors)\.ts$`,
    String.raw`src[\\/]app[\\/]routes[\\/]not-found\.tsx$`,
  ].join('|'),
);

/** The entry of server-rendered pages (server/template.ts puts it in place of index.html's) and what it imports. */
const RENDERED_PAGE_CHUNK = /src[\\/](rendered-page|lib[\\/]largest-paint)\.ts$/;

/** The entry of server-rendered pages (server/template.ts puts it in place of index.html's). */
const renderedPageEntry = fileURLToPath(new URL('./src/rendered-page.ts', import.meta.url));

/** The app's own start (React, the router, the shell): loaded by the entry, preloaded by index.html. */
const appStart = fileURLToPath(new URL('./src/app/start.tsx', import.meta.url));

/** The browser's build: dist/, with the chunk layout the first visit is measured by. */
const clientBuild = {
  target: 'es2022',
  manifest: true,
  sourcemap: false,
  // Small assets as separate files: the CSP (nginx) need not allow data: URLs for them.
  assetsInlineLimit: 0,
  // Every browser that runs es2022 supports <link rel="modulepreload">.
  modulePreload: { polyfill: false },
  rolldownOptions: {
    input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), 'rendered-page': renderedPageEntry },
    output: {
      codeSplitting: {
        groups: [
          // The entry of server-rendered pages, alone: a page loads it beside its cover, so it must
          // stay a few hundred bytes (src/rendered-page.ts).
          { name: 'rendered-page', test: RENDERED_PAGE_CHUNK, priority: 3 },
          // The app's entry: what starts the first screen's requests (src/app/first-screen.ts).
          { name: 'index', tags: ['$initial'], priority: 2 },
          // React, the router, the query cache and the app's shell (start.tsx and what it imports)
          // in one file: one request, and one compressed stream is smaller than several. The
          // Markdown renderer (articles, editor) and the mock API stay lazy, in chunks of their own.
          { name: 'app', test: APP_CHUNK, priority: 1 },
          // What the landing pages share (cards, buttons, notices…): one request with the page's own.
          { name: 'pages', test: PAGES_CHUNK, priority: 1 },
        ],
      },
    },
  },
} satisfies UserConfig['build'];

/**
 * The server renderer (src/server/server.ts, `vite build --ssr`): one self-contained file,
 * dist-server/server.js, with the app's code and its libraries bundled in, so it runs with Node
 * alone. It reads the client build (index.html, the manifest) from WEB_DIST at start-up.
 */
const ssrBuild = {
  outDir: 'dist-server',
  emptyOutDir: true,
  target: 'node20',
  copyPublicDir: false,
  minify: false,
  sourcemap: true,
  rolldownOptions: { output: { entryFileNames: 'server.js', codeSplitting: false } },
} satisfies UserConfig['build'];

const apiProxy = {
  // The API lives on another port in development; the browser still sees one origin.
  '/api/v1': { target: process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3001', changeOrigin: false },
};

export default defineConfig(({ mode, isSsrBuild }) => ({
  plugins: [
    react(),
    dropMockWorker(mode),
    pureReactRouter(),
    preloadAppStart(appStart),
    prerenderShell({ root: webDir, alias }),
    precompress(),
  ],
  resolve: { alias },
  server: { port: 5173, proxy: apiProxy },
  preview: { proxy: apiProxy },
  ...(isSsrBuild
    ? {
        // React's own files pick their production or development build from NODE_ENV at run time;
        // the bundle is built for production. (The renderer reads its settings from the real env.)
        define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
        ssr: { noExternal: true },
        build: ssrBuild,
      }
    : { build: clientBuild }),
}));
