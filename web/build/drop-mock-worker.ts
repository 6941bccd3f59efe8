// `public/` holds MSW's service worker for mock mode. A production build must not ship it:
// nothing registers it there, and a stray worker script on the origin is an attack surface.
import { rm } from 'node:fs/promises';

import type { Plugin } from 'vite';

/** Deletes the mock API's service worker from every build but mock mode's. */
export function dropMockWorker(mode: string): Plugin {
  return {
    name: 'inkwell:drop-mock-worker',
    apply: 'build',
    async writeBundle(options) {
      if (mode === 'mock' || !options.dir) return;
      await rm(`${options.dir}/mockServiceWorker.js`, { force: true });
    },
  };
}
