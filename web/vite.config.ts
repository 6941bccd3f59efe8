import { rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { createServer, defineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

/** Modules of the app chunk: the libraries and the shell start.tsx renders (see the chunk groups below). */
const APP_CHUNK = new RegExp(
  [
    String.raw`node_modules[\\/](?!marked|dompurify|msw)`,
    String.raw`src[\\/]app[\\/](start|provider|router|require-auth)\.tsx$`,
    String.raw`src[\\/]components[\\/](layout[\\/]|ui[\\/](avatar|link|skeleton|toaster)\.tsx$)`,
    String.raw`src[\\/]hooks[\\/]use-route-focus\.ts$`,
    String.raw`src[\\/]lib[\\/](auth|query-client)\.ts$`,
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

/** The app's own start (React, the router, the shell): loaded by the entry, preloaded by index.html. */
const appStart = fileURLToPath(new URL('./src/app/start.tsx', import.meta.url));

/**
 * `public/` holds MSW's service worker for mock mode. A production build must not ship it:
 * nothing registers it there, and a stray worker script on the origin is an attack surface.
 */
function dropMockWorker(mode: string): Plugin {
  return {
    name: 'inkwell:drop-mock-worker',
    apply: 'build',
    async writeBundle(options) {
      if (mode === 'mock' || !options.dir) return;
      await rm(`${options.dir}/mockServiceWorker.js`, { force: true });
    },
  };
}

/**
 * React Router's build creates its components and contexts at module level with
 * `React.forwardRef(…)` and `React.createContext(…)` calls that carry no pure annotation, and names
 * them with `X.displayName = "…"` statements. To the bundler both look like side effects, so every
 * one of them stays in the bundle, used or not (`<Form>`, fetchers, scroll restoration, framework
 * prefetching…). Both calls are pure and the names only serve React DevTools: marking the calls
 * and dropping the names lets tree-shaking remove what the app never uses (about 4 KB gzip).
 */
function pureReactRouter(): Plugin {
  return {
    name: 'inkwell:pure-react-router',
    apply: 'build',
    transform: {
      filter: { id: /node_modules[\\/]react-router[\\/]dist[\\/]/ },
      handler(code) {
        const annotated = code
          .replace(/(=\s*)(React\d*\.(?:forwardRef|createContext)\()/g, '$1/* @__PURE__ */ $2')
          .replace(/^[\w$]+\.displayName = "[^"]*";$/gm, '');
        return { code: annotated, map: null };
      },
    },
  };
}

/**
 * The entry is small and loads the app's start with `import()` (see src/main.tsx); this adds
 * `<link rel="modulepreload">` for that chunk and its static imports to index.html, so the
 * browser downloads them in parallel with the entry instead of after it has run.
 */
function preloadAppStart(): Plugin {
  return {
    name: 'inkwell:preload-app-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter(
          (file): file is Rolldown.OutputChunk => file.type === 'chunk',
        );
        const start = chunks.find((chunk) => chunk.moduleIds.includes(appStart));
        if (!start) throw new Error(`no chunk for ${appStart}`);
        const files = new Set<string>();
        const visit = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported);
        };
        visit(start.fileName);
        for (const chunk of chunks) if (chunk.isEntry) files.delete(chunk.fileName);
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * Builds the shell (src/app/shell.tsx: header, footer, page skeleton) into index.html's root
 * element, so a first visit paints the page's frame before the JavaScript has loaded and run.
 * The shell is rendered with the app's own components, through a Vite server used only to load
 * that module in Node (no port is opened).
 */
function prerenderShell(): Plugin {
  const root = '<div id="root"></div>';
  return {
    name: 'inkwell:prerender-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(root)) throw new Error(`index.html has no empty ${root} for the shell`);
        const server = await createServer({
          configFile: false,
          root: fileURLToPath(new URL('.', import.meta.url)),
          plugins: [react()],
          resolve: { alias: { '@': srcDir } },
          server: { middlewareMode: true, hmr: false, ws: false },
          appType: 'custom',
          logLevel: 'error',
        });
        try {
          const shell = (await server.ssrLoadModule('/src/app/shell.tsx')) as typeof import('./src/app/shell');
          return html.replace(root, `<div id="root">${shell.renderShell()}</div>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes `file.br` and `file.gz` beside every script and stylesheet, compressed once at the
 * highest levels, which nginx sends as they are (brotli_static, gzip_static in
 * nginx/snippets/caching.conf) instead of compressing each response.
 */
function precompress(): Plugin {
  return {
    name: 'inkwell:precompress',
    // The client build only: the server renderer's bundle is read from disk by Node.
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      const files = Object.values(bundle).filter((file) => /\.(?:js|css)$/.test(file.fileName));
      await Promise.all(
        files.map(async (file) => {
          const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          const params = {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
          };
          await writeFile(`${dir}/${file.fileName}.br`, await brotli(content, { params }));
          await writeFile(`${dir}/${file.fileName}.gz`, await gzipped(content, { level: zlib.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}

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
    output: {
      codeSplitting: {
        groups: [
          // The entry: what starts the first screen's requests (src/app/first-screen.ts).
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
  plugins: [react(), dropMockWorker(mode), pureReactRouter(), preloadAppStart(), prerenderShell(), precompress()],
  resolve: { alias: { '@': srcDir } },
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
