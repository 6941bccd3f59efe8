// What a feed needs from the renderer, the API calls every feed makes, and the answer it sends.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { InkwellClient } from '@inkwell/client';
import type { components } from '@inkwell/openapi';

/** The renderer's typed client for `/api/v1` (server/api.ts). */
export type FeedApi = InkwellClient;

export interface FeedContext {
  api: FeedApi;
  /** The canonical origin every URL in a feed starts with, e.g. https://inkwell.example.org. */
  publicOrigin: string;
  /** Sent on to the API as X-Request-Id, so its log lines join the page's. */
  requestId: string;
}

export type ArticleListItem = components['schemas']['ArticleListItem'];
export type ArticleList = components['schemas']['MultipleArticlesResponse'];

export interface ListQuery {
  tag?: string;
  author?: string;
  limit: number;
  offset: number;
}

/** One API call may take this long; a feed answers 503 rather than hold a crawler forever. */
const API_TIMEOUT_MS = 10_000;

/** The API did not give the list: unreachable, timed out, or answered with an error. */
export class FeedUpstreamError extends Error {
  /** The API's status, or undefined when no answer came. */
  readonly apiStatus: number | undefined;

  constructor(apiStatus: number | undefined, options?: ErrorOptions) {
    super(apiStatus === undefined ? 'the API did not answer' : `the API answered ${apiStatus}`, options);
    this.name = 'FeedUpstreamError';
    this.apiStatus = apiStatus;
  }
}

/** `GET /articles` as an anonymous reader: newest first, no bodies. */
export async function listArticles(ctx: FeedContext, query: ListQuery, signal?: AbortSignal): Promise<ArticleList> {
  const timeout = AbortSignal.timeout(API_TIMEOUT_MS);
  let result;
  try {
    result = await ctx.api.GET('/articles', {
      params: { query },
      headers: { 'X-Request-Id': ctx.requestId },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    throw new FeedUpstreamError(undefined, { cause: error });
  }
  if (!result.data) throw new FeedUpstreamError(result.response.status);
  return result.data;
}

/** A canonical URL on the public site; `path` starts with `/` and is already encoded. */
export function publicUrl(ctx: FeedContext, path: string): string {
  return `${ctx.publicOrigin.replace(/\/+$/, '')}${path}`;
}

export interface FeedAnswer {
  status: number;
  contentType: string;
  body: string;
  cacheControl: string;
  headers?: Record<string, string>;
}

export const NO_STORE = 'no-store';

/**
 * Sends `answer` with a strong ETag of its body: a client (or nginx revalidating) that already has
 * it gets a 304. HEAD gets the headers alone.
 */
export function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: FeedAnswer): void {
  const body = Buffer.from(answer.body, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string | number> = {
    'Content-Type': answer.contentType,
    'Cache-Control': answer.cacheControl,
    ...answer.headers,
  };
  if (answer.status === 200) {
    headers.ETag = etag;
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, headers).end();
      return;
    }
  }
  headers['Content-Length'] = body.length;
  res.writeHead(answer.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A short plain-text answer for errors (never cached). */
export function textAnswer(status: number, text: string, headers?: Record<string, string>): FeedAnswer {
  return {
    status,
    contentType: 'text/plain; charset=utf-8',
    body: `${text}\n`,
    cacheControl: NO_STORE,
    headers,
  };
}

/** What a failed API call becomes for the reader of a feed: 503, try again shortly. */
export function upstreamFailure(error: unknown): FeedAnswer {
  if (!(error instanceof FeedUpstreamError)) throw error;
  return textAnswer(503, 'The feed is temporarily unavailable.', { 'Retry-After': '5' });
}
