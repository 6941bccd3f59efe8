import type { QueryKey } from '@tanstack/react-query';

import { paths, routedPathname, type ProfileTab } from '@/config/paths';
import { articleListRequest, articleRequest } from '@/features/articles/api/article-requests';
import { commentsRequest } from '@/features/comments/api/comment-requests';
import { profileRequest } from '@/features/profiles/api/profile-requests';
import { popularTagsRequest } from '@/features/tags/api/tag-requests';
import type { ApiClient } from '@/lib/api-client';
import type { QueryRequest } from '@/lib/query-request';

import { readHomeFeed, readSearch } from './routes/home-feed';

/*
 * The public pages, the ones a visitor can read without signing in and the server renders: what
 * an address shows and which requests that needs. The entry (first-screen.ts) starts a landing
 * page from this, and the server renderer fetches a page's data with it before rendering, so the
 * same requests fill the same query keys the pages read. Free of React and TanStack Query (types
 * aside), like the request modules: the entry chunk includes it.
 */

export type PublicPage =
  | { name: 'home'; tag: string | undefined; page: number }
  | { name: 'article'; slug: string }
  | { name: 'profile'; username: string; tab: ProfileTab; page: number }
  | { name: 'search'; q: string; page: number };

export type PublicPageName = PublicPage['name'];

/**
 * The public page at an address, or undefined for any other (sign-in, the editor, settings, an
 * unknown path), as the router reads it: its own patterns and query readers (config/paths.ts), a
 * malformed escape included. Signed-in readers
 * see more on home (their feed), but that page is always the app's own, never a server-rendered one.
 */
export function matchPublicPage(pathname: string, search: string): PublicPage | undefined {
  const path = routedPathname(pathname);
  if (paths.home.match(path)) {
    // As a signed-out reader sees it: `?feed=following` means nothing without a session.
    const feed = readHomeFeed(search, false);
    return feed.kind === 'global' ? { name: 'home', tag: feed.tag, page: feed.page } : undefined;
  }
  if (paths.search.match(path)) return { name: 'search', ...readSearch(search) };
  const article = paths.article.match(path);
  if (article) return { name: 'article', slug: article.slug };
  const { page } = paths.profile.read(search);
  const profile = paths.profile.match(path);
  if (profile) return { name: 'profile', username: profile.username, tab: 'articles', page };
  const favorites = paths.profileFavorites.match(path);
  if (favorites) return { name: 'profile', username: favorites.username, tab: 'favorites', page };
  return undefined;
}

type AnyRequest = QueryRequest<QueryKey, unknown>;

export interface PageRequests {
  /** What the page is made of: without it there is no page to show. */
  required: AnyRequest[];
  /** What sits beside it (the tag list, the comments): the page shows its own loading state without. */
  optional: AnyRequest[];
}

/** The requests a public page's first render reads, as the page's components key them. */
export function publicPageRequests(page: PublicPage, client?: ApiClient): PageRequests {
  switch (page.name) {
    case 'home':
      return {
        required: [articleListRequest({ tag: page.tag, page: page.page }, client)],
        optional: [popularTagsRequest(client)],
      };
    case 'article':
      return { required: [articleRequest(page.slug, client)], optional: [commentsRequest(page.slug, client)] };
    case 'profile': {
      const filters =
        page.tab === 'articles'
          ? { author: page.username, page: page.page }
          : { favorited: page.username, page: page.page };
      return { required: [profileRequest(page.username, client), articleListRequest(filters, client)], optional: [] };
    }
    case 'search':
      return { required: page.q ? [articleListRequest({ q: page.q, page: page.page }, client)] : [], optional: [] };
  }
}
