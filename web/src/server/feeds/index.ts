// The renderer's documents that are not pages: /rss.xml, /sitemap.xml and /robots.txt. The
// renderer hands every request here first; anything else is left to it.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type FeedAnswer, type FeedContext, sendAnswer, textAnswer } from './context';
import { robotsTxt } from './robots';
import { rssFeed } from './rss';
import { sitemapFeed } from './sitemap';

export type { FeedApi, FeedContext } from './context';

type Feed = (ctx: FeedContext, params: URLSearchParams) => FeedAnswer | Promise<FeedAnswer>;

const FEEDS: Record<string, Feed> = {
  '/rss.xml': rssFeed,
  '/sitemap.xml': sitemapFeed,
  '/robots.txt': robotsTxt,
};

/**
 * Answers the request when it is for one of the feeds (true), else leaves `res` untouched (false).
 * Never throws for an API failure: the feed answers 503 (nginx serves a stale copy if it has one).
 */
export async function handleFeedRequest(req: IncomingMessage, res: ServerResponse, ctx: FeedContext): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://feeds.invalid');
  const feed = Object.hasOwn(FEEDS, url.pathname) ? FEEDS[url.pathname] : undefined;
  if (!feed) return false;
  const answer =
    req.method === 'GET' || req.method === 'HEAD'
      ? await feed(ctx, url.searchParams)
      : textAnswer(405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
  sendAnswer(req, res, answer);
  return true;
}
