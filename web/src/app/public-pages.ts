import type { QueryKey } from '@tanstack/react-query';

import { articleListRequest, articleRequest } from '@/features/articles/api/article-requests';
import { commentsRequest } from '@/features/comments/api/comment-requests';
import { profileRequest } from '@/features/profiles/api/profile-requests';
import { popularTagsRequest } from '@/features/tags/api/tag-requests';
import type { ApiClient } from '@/lib/api-client';
import type { QueryRequest } from '@/lib/query-request';

import { readHomeFeed, readPage, readSearchQuery } from './routes/home-feed';

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
  | { name: 'profile'; username: string; tab: 'articles' | 'favorites'; page: number }
  | { name: 'search'; q: string; page: number };

export type PublicPageName = PublicPage['name'];

/**
 * The path's segments decoded as the router decodes them: each one on its own, an encoded `/`
 * kept inside its segment; a malformed escape leaves the whole path as it came.
 */
function decodeSegments(pathname: string): string[] {
  const segments = pathname.split('/').filter(Boolean);
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return segments;
  }
}

/**
 * The public page at an address, or undefined for any other (sign-in, the editor, settings, an
 * unknown path). Matches as the router's routes do (router.tsx): static segments in any case, a
 * trailing slash ignored. Signed-in readers see more on home (their feed), but that page is always
 * the app's own, never a server-rendered one.
 */
export function matchPublicPage(pathname: string, search: string): PublicPage | undefined {
  const [first, second, third, ...rest] = decodeSegments(pathname);
  if (rest.length > 0) return undefined;
  const section = first?.toLowerCase();
  const params = new URLSearchParams(search);
  if (first === undefined) {
    // As a signed-out reader sees it: `?feed=following` means nothing without a session.
    const feed = readHomeFeed(params, false);
    return feed.kind === 'global' ? { name: 'home', tag: feed.tag, page: feed.page } : undefined;
  }
  if (section === 'search' && second === undefined) {
    return { name: 'search', q: readSearchQuery(params), page: readPage(params) };
  }
  if (section === 'article' && second !== undefined && third === undefined) {
    return { name: 'article', slug: second };
  }
  if (section === 'profile' && second !== undefined && (third === undefined || third.toLowerCase() === 'favorites')) {
    return { name: 'profile', username: second, tab: third ? 'favorites' : 'articles', page: readPage(params) };
  }
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
