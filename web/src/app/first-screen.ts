import { parseImageUrl } from '@inkwell/rules';
import type { QueryKey } from '@tanstack/react-query';

import { paths } from '@/config/paths';
import { articleListRequest, articleRequest } from '@/features/articles/api/article-requests';
import { CARD_COVER_SIZES, HERO_COVER_SIZES } from '@/features/articles/components/cover-sizes';
import { commentsRequest } from '@/features/comments/api/comment-requests';
import { popularTagsRequest } from '@/features/tags/api/tag-requests';
import { loadMarkdown } from '@/lib/load-markdown';
import type { QueryRequest } from '@/lib/query-request';

import { loadArticleRoute, loadHomeRoute, loadProfileRoute, loadSearchRoute } from './page-loaders';
import { matchPublicPage, type PublicPageName } from './public-pages';
import { readHomeFeed } from './routes/home-feed';

/*
 * What the first screen needs, started by the entry before the app's code has arrived: the page's
 * data (with the tag list beside home's articles and the comments under an article), its chunk, an
 * article's Markdown renderer, and, as soon as the data names it, its largest image (the LCP
 * element). Without this each request would wait for React, the router and the query cache to
 * download and run, and the image would wait for React to render. Nothing here may import React
 * or TanStack Query (types aside): this module is part of the small entry chunk. A page the server
 * rendered comes with its data and images already (resumeServerPage): only its code is started.
 */

/** A request already on its way; the app hands it to its query cache under the same key. */
interface EarlyQuery {
  queryKey: QueryKey;
  promise: Promise<unknown>;
}

export interface FirstScreen {
  queries: EarlyQuery[];
  /** The page whose chunk is on its way, if the address is one of the public pages. */
  page?: PublicPageName;
  /** The server-rendered page's query cache (lib/embedded-state.ts): the app hydrates the page with it. */
  serverState?: unknown;
}

function early<Data>(request: QueryRequest<QueryKey, Data>, onData?: (data: Data) => void): EarlyQuery {
  const promise = request.queryFn({});
  // A failure is the query cache's to report and retry; here it only means no image to preload.
  promise.then(onData, () => undefined);
  return { queryKey: request.queryKey, promise };
}

/** Fetches the image with a high priority now, as the `<img>` with the same srcset and sizes will pick it. */
function preloadImage(url: string, sizes: string): void {
  const { src, srcSet } = parseImageUrl(url);
  const link = document.createElement('link');
  link.rel = 'preload';
  link.setAttribute('as', 'image');
  link.href = src;
  if (srcSet) {
    link.setAttribute('imagesrcset', srcSet);
    link.setAttribute('imagesizes', sizes);
  }
  link.setAttribute('fetchpriority', 'high');
  document.head.append(link);
}

/**
 * Starts the first screen of `location`. The personal feed is left to the app: it is fetched
 * fresh whenever it is shown, so an early copy would be fetched twice.
 */
export function startFirstScreen(
  { pathname, search }: Pick<Location, 'pathname' | 'search'>,
  signedIn: boolean,
): FirstScreen {
  // The router's own patterns (config/paths), matched without loading the router.
  if (paths.home.match(pathname)) {
    // The data first, the list ahead of the tags: their requests then go out before the chunk's.
    const feed = readHomeFeed(search, signedIn);
    const queries: EarlyQuery[] = [];
    if (feed.kind === 'global') {
      queries.push(
        early(articleListRequest({ tag: feed.tag, page: feed.page }), ({ articles }) => {
          const cover = articles[0]?.coverImage;
          if (cover) preloadImage(cover, CARD_COVER_SIZES);
        }),
      );
    }
    queries.push(early(popularTagsRequest()));
    loadHomeRoute().catch(() => undefined); // the router reports a chunk that fails to load
    return { queries, page: 'home' };
  }
  const slug = paths.article.match(pathname)?.slug;
  if (slug !== undefined) {
    const article = early(articleRequest(slug), ({ coverImage }) => {
      if (coverImage) preloadImage(coverImage, HERO_COVER_SIZES);
    });
    const comments = early(commentsRequest(slug));
    loadArticleRoute().catch(() => undefined);
    // The body's renderer: the page chunk would start it only once React has arrived.
    loadMarkdown().catch(() => undefined);
    return { queries: [article, comments], page: 'article' };
  }
  return { queries: [] };
}

const PAGE_CHUNKS: Record<PublicPageName, () => Promise<unknown>> = {
  home: loadHomeRoute,
  article: loadArticleRoute,
  profile: loadProfileRoute,
  search: loadSearchRoute,
};

/**
 * Starts a page the server rendered: its HTML carries the data (`serverState`), the cover and its
 * preload, so only the page's code is fetched (and, on an article, the Markdown renderer, which the
 * body needs to hydrate), all at once.
 */
export function resumeServerPage(
  { pathname, search }: Pick<Location, 'pathname' | 'search'>,
  serverState: unknown,
): FirstScreen {
  const page = matchPublicPage(pathname, search)?.name;
  if (page) PAGE_CHUNKS[page]().catch(() => undefined);
  if (page === 'article') loadMarkdown().catch(() => undefined);
  return { queries: [], page, serverState };
}
