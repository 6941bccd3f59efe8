import { InkwellApiError } from '@inkwell/client';
import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import { StaticRouter } from 'react-router';

import { AppProvider } from '@/app/provider';
import { matchPublicPage, publicPageRequests, type PublicPage } from '@/app/public-pages';
import { AppRoutes } from '@/app/router';
import { paths, routedPathname } from '@/config/paths';
import type { Article } from '@/features/articles/api/article-requests';
import type { Profile } from '@/features/profiles/api/profile-requests';
import type { ApiClient } from '@/lib/api-client';
import { EMBEDDED_STATE_ID, serializeForScript } from '@/lib/embedded-state';
import { createQueryClient } from '@/lib/query-client';
import { dehydratePage } from '@/lib/query-hydration';

import { ApiUnavailableError } from './api';
import { escapeAttribute, renderPageHead, type PageFacts } from './head';
import type { PageParts, PageTemplate } from './template';

/*
 * Renders one public page: fetches what its components read (app/public-pages.ts) with the
 * server's client under the app's own query keys, renders the app's own routes with React on the
 * server, waiting for lazy pages and Suspense (prerender), and puts the HTML, the page's head and
 * the query cache into the web build's index.html. The browser then hydrates exactly that.
 */

/** Pages (and 404 pages) are the same for every anonymous reader: nginx keeps them 10 s. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=10';
/** The app's own index.html for the signed-in-only pages, fetched fresh as the static one is. */
const APP_CACHE_CONTROL = 'no-cache';
/** React gets this long for a page whose data is in; it renders from memory, so this only ends a bug. */
const RENDER_TIMEOUT_MS = 5000;

export interface RenderDeps {
  /** The API client for this request (server/api.ts). */
  api: ApiClient;
  publicOrigin: string;
  template: PageTemplate;
}

export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/**
 * The API gave no usable answer for what the page is made of: down, too slow, or a 5xx. The page
 * is not rendered; nginx serves the app instead, which tries again from the browser.
 */
export class UpstreamError extends Error {
  /** 503 when no answer came in time, 502 when the API answered with an error. */
  readonly status: 502 | 503;

  constructor(status: 502 | 503, options?: ErrorOptions) {
    super(status === 503 ? 'the API did not answer' : 'the API answered with an error', options);
    this.name = 'UpstreamError';
    this.status = status;
  }
}

/** Pages only signed-in users use (and their forms): never rendered here, nginx sends them to the app. */
const APP_ONLY = [paths.login, paths.register, paths.logout, paths.settings, paths.editor];

type Fetched = { key: readonly unknown[]; required: boolean; result: PromiseSettledResult<unknown> };

/** Fetches a page's requests into `queryClient`, all at once; says what the page then is. */
async function fetchPage(queryClient: QueryClient, page: PublicPage, api: ApiClient): Promise<Fetched[]> {
  const { required, optional } = publicPageRequests(page, api);
  const requests = [
    ...required.map((request) => ({ request, required: true })),
    ...optional.map((request) => ({ request, required: false })),
  ];
  const results = await Promise.allSettled(requests.map(({ request }) => queryClient.fetchQuery(request)));
  return requests.map(({ request, required: isRequired }, index) => ({
    key: request.queryKey,
    required: isRequired,
    result: results[index] as PromiseSettledResult<unknown>,
  }));
}

function failureOf(result: PromiseSettledResult<unknown>): unknown {
  return result.status === 'rejected' ? (result.reason as unknown) : undefined;
}

/** What the page's head describes, from the answers in the cache. */
function factsOf(page: PublicPage, queryClient: QueryClient, fetched: Fetched[]): PageFacts {
  const data = <T,>(index: number): T => queryClient.getQueryData(fetched[index]?.key ?? []) as T;
  switch (page.name) {
    case 'home':
      return { kind: 'home', tag: page.tag, page: page.page };
    case 'article':
      return { kind: 'article', article: data<Article>(0) };
    case 'profile':
      return { kind: 'profile', profile: data<Profile>(0), tab: page.tab, page: page.page };
    case 'search':
      return { kind: 'search', q: page.q, page: page.page };
  }
}

/**
 * React's output starts with the elements it hoists (`<title>`, `<meta>`, preloads of the first
 * images) when it renders less than a whole document; they belong in the head. React escapes `<`
 * and `>` in text and attributes, so none of them can hide a `>` or a `<`.
 */
const HOISTED = /^(?:<title>[^<]*<\/title>|<(?:meta|link)\b[^>]*>)*/;

/** A script element with code in it (React's instructions for moving boundaries into place). */
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>[^<]/i;

async function renderApp(url: string, queryClient: QueryClient): Promise<{ hoisted: string; body: string }> {
  const errors: unknown[] = [];
  const { prelude } = await prerender(
    <StrictMode>
      <AppProvider queryClient={queryClient}>
        <StaticRouter location={url}>
          <AppRoutes />
        </StaticRouter>
      </AppProvider>
    </StrictMode>,
    {
      signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
      // Every Suspense boundary inline, in place. Past this many bytes React would otherwise send
      // a large boundary (a page whose chunk loaded while it rendered) as a hidden copy moved into
      // place by an inline script, which the CSP blocks and a reader without JavaScript never runs.
      progressiveChunkSize: Number.POSITIVE_INFINITY,
      onError(error) {
        errors.push(error);
      },
    },
  );
  const html = await new Response(prelude).text();
  // A component that throws would render as its fallback here and fail again in the browser.
  if (errors.length > 0) throw new Error('the page failed to render', { cause: errors[0] });
  if (INLINE_SCRIPT.test(html)) throw new Error('React wrote an inline script, which the CSP would block');
  const hoisted = HOISTED.exec(html)?.[0] ?? '';
  return { hoisted, body: html.slice(hoisted.length) };
}

/**
 * A page asked for at an article's former slug: a permanent redirect to its current address, so
 * shared links keep working and search engines move to the current one. Cached no longer than
 * pages are: once the article is deleted, a new article may take the slug.
 */
function movedTo(location: string): PageAnswer {
  return {
    status: 301,
    headers: {
      Location: location,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': PAGE_CACHE_CONTROL,
    },
    html: `<!doctype html><title>Moved</title><p><a href="${escapeAttribute(location)}">Moved here</a></p>`,
  };
}

/**
 * Renders the page at `url` (path and query, as the browser asked for it). Answers 200 with the
 * page, 301 to an article's current address when asked at a former slug, 404 with a rendered
 * "not found" page, 400 when the API refused the page's parameters; throws `UpstreamError` when
 * the API is unavailable.
 */
export async function renderPage(url: string, { api, publicOrigin, template }: RenderDeps): Promise<PageAnswer> {
  const { pathname, search } = new URL(url, 'http://renderer.invalid');
  const routed = routedPathname(pathname);
  if (APP_ONLY.some((route) => route.match(routed))) {
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': APP_CACHE_CONTROL },
      html: template.appHtml,
    };
  }

  // Never fetches in a component (no effects run here), and shows a refused request as refused.
  const queryClient = createQueryClient({ queries: { retry: false, retryOnMount: false, gcTime: Infinity } });
  try {
    const page = matchPublicPage(pathname, search);
    let status = page ? 200 : 404;
    let facts: PageFacts = { kind: 'not-found' };

    if (page) {
      const fetched = await fetchPage(queryClient, page, api);
      for (const { key, required, result } of fetched) {
        const error = failureOf(result);
        if (error === undefined) continue;
        const refused = error instanceof InkwellApiError && error.status < 500;
        if (required && !refused) {
          throw new UpstreamError(error instanceof ApiUnavailableError ? 503 : 502, { cause: error });
        }
        // What sits beside the page loads in the browser: the server shows its loading state.
        if (!required) queryClient.removeQueries({ queryKey: key, exact: true });
      }
      const main = fetched.find(({ required }) => required);
      const mainError = main ? failureOf(main.result) : undefined;
      if (mainError instanceof InkwellApiError) {
        status = mainError.status === 404 ? 404 : 400;
        facts = { kind: mainError.status === 404 ? 'not-found' : 'refused' };
      } else if (fetched.some(({ required, result }) => required && result.status === 'rejected')) {
        status = 400;
        facts = { kind: 'refused' };
      } else {
        facts = factsOf(page, queryClient, fetched);
      }
      if (page.name === 'article' && facts.kind === 'article' && facts.article.slug !== page.slug) {
        return movedTo(`${publicOrigin}${paths.article.href(facts.article.slug)}${search}`);
      }
    }

    const state = serializeForScript(dehydratePage(queryClient));
    const { hoisted, body } = await renderApp(`${pathname}${search}`, queryClient);
    const parts: PageParts = {
      hoisted,
      head: renderPageHead(facts, publicOrigin),
      body,
      state: `<script type="application/json" id="${EMBEDDED_STATE_ID}">${state}</script>`,
    };
    return {
      status,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': PAGE_CACHE_CONTROL },
      html: template.render(parts),
    };
  } finally {
    queryClient.clear();
  }
}
