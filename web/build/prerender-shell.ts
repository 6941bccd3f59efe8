// A first visit should paint the page's frame before the JavaScript has loaded and run. So the
// build renders the shell (src/app/shell.tsx: header, footer, page skeleton) into index.html's
// root element with the app's own components, through a Vite server used only to load that module
// in Node (no port is opened).
import react from '@vitejs/plugin-react';
import { createServer, type AliasOptions, type Plugin } from 'vite';

interface PrerenderShellOptions {
  /** The web app's directory, where `/src/app/shell.tsx` is. */
  root: string;
  /** The app's import aliases (`@/…`), as the build resolves them. */
  alias: AliasOptions;
}

/** Fills index.html's empty `<div id="root"></div>` with the rendered shell. */
export function prerenderShell({ root: appRoot, alias }: PrerenderShellOptions): Plugin {
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
          root: appRoot,
          plugins: [react()],
          resolve: { alias },
          server: { middlewareMode: true, hmr: false, ws: false },
          appType: 'custom',
          logLevel: 'error',
        });
        try {
          const shell = (await server.ssrLoadModule('/src/app/shell.tsx')) as typeof import('../src/app/shell');
          return html.replace(root, `<div id="root">${shell.renderShell()}</div>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}
