import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ApiClient } from '@/lib/api-client';

import { createServerApi } from './api';
import type { RendererConfig } from './config';
import type { FeedContext } from './feeds/index';
import type { Logger } from './logger';
import type { RendererMetrics } from './metrics';
import { renderPage, UpstreamError, type PageAnswer, type RenderDeps } from './render-page';
import type { PageTemplate } from './template';

/*
 * The renderer's HTTP handling, without listen(): request ids, `/healthz`, the feeds, the pages,
 * and what a failure becomes. The renderer reads neither cookies nor Authorization: every page is
 * what an anonymous reader sees, which is what lets nginx cache it. It passes on only the reader's
 * address, for the API's per-address limits.
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
  /** Where answers and API calls are counted; none without METRICS_PORT. */
  metrics?: RendererMetrics | undefined;
}

/** An id the API and nginx logs can share: nginx's when it sent a sane one, else a new one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** An IPv4 or IPv6 address as nginx and Node write them; anything else in the header is dropped. */
const ADDRESS = /^[\da-f.:]{2,45}$/i;
/** The last hops are the ones the API reads (from the right, past the proxies it trusts). */
const MAX_HOPS = 8;

/**
 * Whom the page is for, for the API's per-address limits: the `X-Forwarded-For` nginx sent (the
 * reader's address), then nginx's own address, appended as a proxy does. The API believes the
 * chain only as far as it trusts the hops (its TRUST_PROXY: the renderer calls it over loopback).
 */
function forwardedFor(req: IncomingMessage): string | undefined {
  const sent = req.headers['x-forwarded-for'];
  const chain = (typeof sent === 'string' ? sent.split(',') : []).map((hop) => hop.trim());
  chain.push(req.socket.remoteAddress ?? '');
  const hops = chain.filter((hop) => ADDRESS.test(hop)).slice(-MAX_HOPS);
  return hops.length > 0 ? hops.join(', ') : undefined;
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
      forwardedFor: forwardedFor(req),
      onCall: deps.metrics?.apiCalled,
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
      deps.metrics?.answered(req.url ?? '/', res.statusCode, ms / 1000);
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
