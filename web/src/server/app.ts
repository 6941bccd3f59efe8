import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ApiClient } from '@/lib/api-client';

import { createServerApi } from './api';
import type { RendererConfig } from './config';
import type { FeedContext } from './feeds/index';
import type { Logger } from './logger';
import { renderPage, UpstreamError, type PageAnswer, type RenderDeps } from './render-page';
import type { PageTemplate } from './template';

/*
 * The renderer's HTTP handling, without listen(): request ids, `/healthz`, the feeds, the pages,
 * and what a failure becomes. The renderer reads neither cookies nor Authorization: every page is
 * what an anonymous reader sees, which is what lets nginx cache it.
 */

export interface RendererDeps {
  config: Pick<RendererConfig, 'API_URL' | 'API_TIMEOUT_MS' | 'PUBLIC_ORIGIN'>;
  /** The page frame; a function for the dev server, whose index.html changes while it runs. */
  template: PageTemplate | ((url: string) => Promise<PageTemplate>);
  log: Logger;
  /** The feeds' handler (src/server/feeds/index.ts): true when it answered. */
  handleFeedRequest: (req: IncomingMessage, res: ServerResponse, ctx: FeedContext) => Promise<boolean>;
  /** The page renderer; the dev server passes the one Vite loaded from source. */
  renderPage?: (url: string, deps: RenderDeps) => Promise<PageAnswer>;
}

/** An id the API and nginx logs can share: nginx's when it sent a sane one, else a new one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** A short plain answer for what is not a page: health, errors. Never cached. */
function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string, extra = {}): void {
  send(
    req,
    res,
    status,
    { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
    `${text}\n`,
  );
}

export function createRequestHandler(deps: RendererDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const render = deps.renderPage ?? renderPage;
  const templateFor = async (url: string): Promise<PageTemplate> =>
    typeof deps.template === 'function' ? deps.template(url) : deps.template;

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, log: Logger): Promise<void> {
    const url = req.url ?? '/';
    const { pathname } = new URL(url, 'http://renderer.invalid');
    if (pathname === '/healthz') {
      sendText(req, res, 200, 'ok');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(req, res, 405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
      return;
    }

    const api: ApiClient = createServerApi({
      baseUrl: deps.config.API_URL,
      requestId,
      timeoutMs: deps.config.API_TIMEOUT_MS,
    });
    if (await deps.handleFeedRequest(req, res, { api, publicOrigin: deps.config.PUBLIC_ORIGIN, requestId })) return;

    try {
      const page = await render(url, {
        api,
        publicOrigin: deps.config.PUBLIC_ORIGIN,
        template: await templateFor(url),
      });
      send(req, res, page.status, page.headers, page.html);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      log.warn({ err: error }, 'the API could not give the page its data');
      // Quickly and uncached: nginx answers with the app instead, which asks the API itself.
      sendText(req, res, error.status, 'The page cannot be rendered right now.', { 'Retry-After': '5' });
    }
  }

  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req);
    const log = deps.log.child({ reqId: requestId });
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = { method: req.method, url: req.url, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) log.warn(fields, 'request');
      else log.info(fields, 'request');
    });
    handle(req, res, requestId, log).catch((error: unknown) => {
      log.error({ err: error }, 'the request failed');
      if (res.headersSent) res.destroy();
      else sendText(req, res, 500, 'The page failed to render.');
    });
  };
}
