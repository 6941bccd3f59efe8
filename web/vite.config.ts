import { rm } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

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

export default defineConfig(({ mode }) => ({
  plugins: [react(), dropMockWorker(mode)],
  resolve: { alias: { '@': srcDir } },
  server: {
    port: 5173,
    proxy: {
      // The API lives on another port in development; the browser still sees one origin.
      '/api/v1': { target: process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3001', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api/v1': { target: process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3001', changeOrigin: false },
    },
  },
  build: {
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
          // What the first visit needs goes in one file: one request, and one gzip stream
          // compresses better than two. Pages stay in their own lazy chunks.
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
}));
