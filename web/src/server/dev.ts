// `npm run dev -w web` (and the root `npm run dev`): the web app through Vite with hot reload, the
// public pages rendered on the server from source, as nginx and the renderer serve them in
// production. Vite runs as middleware; each page request loads the renderer through Vite
// (ssrLoadModule), so an edit to a page, a component or the renderer shows on the next request.
// /api/v1 goes to API_PROXY_TARGET (default http://127.0.0.1:3001), as in vite.config.ts.
//
// Usage: node --import tsx src/server/dev.ts   (from web/; what `npm run dev -w web` runs)
// Mock mode (`npm run dev:mock -w web`) stays the plain single-page app.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

import { createServer as createViteServer } from 'vite';

import type * as PublicPagesModule from '@/app/public-pages';

import type * as AppModule from './app';
import { loadConfig } from './config';
import type * as FeedsModule from './feeds/index';
import { createLogger } from './logger';
import type * as TemplateModule from './template';

const PORT = 5173;
const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3001';

const config = loadConfig(
  {
    ...process.env,
    PORT: String(PORT),
    PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? `http://localhost:${PORT}`,
    API_URL: `${apiTarget.replace(/\/+$/, '')}/api/v1`,
  },
  { requireWebDist: false },
);
const log = createLogger(config.LOG_LEVEL);

const httpServer = createServer();
const vite = await createViteServer({
  root: webRoot,
  server: { middlewareMode: true, ws: { server: httpServer } },
  appType: 'custom',
});

/** nginx's choice in production: the public pages go to the renderer unless the browser is signed in. */
const SESSION_HINT = /(?:^|;\s*)inkwell_session=1(?:;|$)/;
const FEEDS = new Set(['/rss.xml', '/sitemap.xml', '/robots.txt', '/healthz']);

/** index.html as Vite serves it in development (its client, React Refresh), with the stylesheet linked so a rendered page is not unstyled until the scripts run. */
async function indexHtml(url: string): Promise<string> {
  const source = await readFile(new URL('../../index.html', import.meta.url), 'utf8');
  const html = await vite.transformIndexHtml(url, source);
  return html.replace('</head>', '<link rel="stylesheet" href="/src/app/styles/index.css" />\n</head>');
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const { pathname, search } = new URL(url, 'http://dev.invalid');
  const { matchPublicPage } = (await vite.ssrLoadModule('/src/app/public-pages.ts')) as typeof PublicPagesModule;
  const signedIn = SESSION_HINT.test(req.headers.cookie ?? '');
  const rendered = FEEDS.has(pathname) || (!signedIn && matchPublicPage(pathname, search) !== undefined);
  if (!rendered) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(await indexHtml(url));
    return;
  }
  const app = (await vite.ssrLoadModule('/src/server/app.ts')) as typeof AppModule;
  const feeds = (await vite.ssrLoadModule('/src/server/feeds/index.ts')) as typeof FeedsModule;
  const { createPageTemplate } = (await vite.ssrLoadModule('/src/server/template.ts')) as typeof TemplateModule;
  const handler = app.createRequestHandler({
    config,
    log,
    handleFeedRequest: feeds.handleFeedRequest,
    template: async (pageUrl) => createPageTemplate(await indexHtml(pageUrl)),
  });
  handler(req, res);
}

httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
  vite.middlewares(req, res, () => {
    serve(req, res).catch((error: unknown) => {
      if (error instanceof Error) vite.ssrFixStacktrace(error);
      log.error({ err: error }, 'the dev server failed to answer');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(error instanceof Error ? (error.stack ?? error.message) : String(error));
    });
  });
});

httpServer.listen(PORT, () => {
  log.info(
    { apiUrl: config.API_URL },
    `web app on http://localhost:${PORT}: public pages rendered on the server, everything reloads on change`,
  );
});

const stop = (): void => {
  void vite.close().then(() => httpServer.close(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
