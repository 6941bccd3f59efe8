import type { QueryClient } from '@tanstack/react-query';

import { getArticleQueryOptions } from '@/features/articles/api/get-article';
import { getTagsQueryOptions } from '@/features/tags/api/list-tags';
import { getSession } from '@/lib/session';

import { loadArticleRoute, loadHomeRoute } from './router';
import { homeFeedQueryOptions, readHomeFeed } from './routes/home-feed';

/**
 * Starts the first screen's data and code together, before React renders: the article list
 * (or the article) is on its way while the page's chunk downloads, instead of after it.
 */
export function prefetchFirstScreen(queryClient: QueryClient, { pathname, search }: Pick<Location, 'pathname' | 'search'>): void {
  if (pathname === '/') {
    void loadHomeRoute();
    const feed = readHomeFeed(new URLSearchParams(search), getSession() !== null);
    void queryClient.prefetchQuery(homeFeedQueryOptions(feed));
    void queryClient.prefetchQuery(getTagsQueryOptions());
    return;
  }
  const article = /^\/article\/([^/]+)\/?$/.exec(pathname);
  if (article?.[1]) {
    void loadArticleRoute();
    void queryClient.prefetchQuery(getArticleQueryOptions(decodeURIComponent(article[1])));
  }
}
