// /sitemap.xml: the home page, every article and every author's profile, each with the time it
// last changed. Up to 50,000 URLs it is one <urlset>; past that it becomes a <sitemapindex> of
// /sitemap.xml?page=1…N, 50,000 URLs a page, as the protocol asks.
// https://www.sitemaps.org/protocol.html
//
// The API has no list of users, so the profiles are the articles' authors (a profile without an
// article has nothing to index), each dated by its newest change. Building either form reads the
// whole article list, 100 at a time (the contract's largest page), a few requests at once, up to
// the contract's deepest offset. That walk is shared: requests while it runs join it, and its
// result serves the sitemap's other pages for a few minutes (a crawler fetches the index, then
// each page); nginx keeps every answer for an hour. So a crawl costs the API about one walk.
import { ARTICLES_MAX_LIMIT, LIST_MAX_OFFSET } from '@inkwell/rules';

import { paths } from '@/config/paths';

import {
  type ArticleListItem,
  type FeedAnswer,
  type FeedContext,
  listArticles,
  publicUrl,
  textAnswer,
  upstreamFailure,
} from './context';
import { XML_DECLARATION, element } from './xml';

export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';
export const SITEMAP_CACHE_CONTROL = 'public, max-age=3600, s-maxage=3600';
/** The protocol's limit per file. */
export const URLS_PER_SITEMAP = 50_000;
/** The contract's largest `limit` and deepest `offset` of listArticles. */
export const API_PAGE_SIZE = ARTICLES_MAX_LIMIT;
export const API_MAX_OFFSET = LIST_MAX_OFFSET;
/** API calls in flight at once while walking the list. */
const CONCURRENT_REQUESTS = 4;
/** The whole walk stops after this long (each call has its own, shorter limit too). */
const WALK_TIMEOUT_MS = 120_000;
/** A finished walk answers the other sitemap pages this long (well within nginx's hour). */
const WALK_REUSE_MS = 5 * 60_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapEntry {
  /** Path on the public site, encoded, e.g. /article/hello-world. */
  path: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
}

/** Every URL of the site, in sitemap order: home, articles newest first, then profiles. */
export interface SiteEntries {
  entries: SitemapEntry[];
  /** How many articles the API counted, and how many of them the walk could reach. */
  articlesCount: number;
  articlesListed: number;
}

/** The page number from `?page=`, 0 for none, or undefined when the query is anything else. */
export function parseSitemapPage(params: URLSearchParams): number | undefined {
  const names = [...new Set(params.keys())];
  if (names.length === 0) return 0;
  const pages = params.getAll('page');
  if (names.length > 1 || pages.length !== 1 || !/^[1-9]\d{0,4}$/.test(pages[0] ?? '')) return undefined;
  return Number(pages[0]);
}

/** GET /sitemap.xml[?page=N] */
export async function sitemapFeed(ctx: FeedContext, params: URLSearchParams): Promise<FeedAnswer> {
  const page = parseSitemapPage(params);
  if (page === undefined) return textAnswer(404, 'No such sitemap: /sitemap.xml or /sitemap.xml?page=N.');
  let site: SiteEntries;
  try {
    // A page number beyond what the site could fill is refused with one call, not a walk: home,
    // every article and at most as many authors.
    if (page > 1 && !walks.has(ctx.publicOrigin)) {
      const { articlesCount } = await listArticles(ctx, { limit: 1, offset: 0 });
      const reachable = Math.min(articlesCount, API_MAX_OFFSET + API_PAGE_SIZE);
      if (page > Math.ceil((1 + 2 * reachable) / URLS_PER_SITEMAP)) {
        return textAnswer(404, `There is no sitemap page ${page}.`);
      }
    }
    site = await walkSite(ctx);
  } catch (error) {
    return upstreamFailure(error);
  }
  const body = renderSitemap(ctx, site.entries, page);
  if (body === undefined) return textAnswer(404, `There is no sitemap page ${page}.`);
  return { status: 200, contentType: SITEMAP_CONTENT_TYPE, cacheControl: SITEMAP_CACHE_CONTROL, body };
}

/**
 * The document for `page` (0: the sitemap itself) of `entries`: a urlset when everything fits in
 * one, else an index for page 0 and a urlset for each page; undefined for a page that does not exist.
 */
export function renderSitemap(ctx: FeedContext, entries: SitemapEntry[], page: number): string | undefined {
  const pages = Math.max(1, Math.ceil(entries.length / URLS_PER_SITEMAP));
  if (page === 0 && pages === 1) return renderUrlset(ctx, entries);
  if (page === 0) {
    const sitemaps = Array.from({ length: pages }, (_, index) => {
      const slice = entries.slice(index * URLS_PER_SITEMAP, (index + 1) * URLS_PER_SITEMAP);
      return [
        '<sitemap>',
        `  ${element('loc', publicUrl(ctx, `/sitemap.xml?page=${index + 1}`))}`,
        `  ${element('lastmod', w3cDate(slice.reduce((latest, entry) => Math.max(latest, entry.lastModified), 0)))}`,
        '</sitemap>',
      ].join('\n');
    });
    return `${XML_DECLARATION}\n<sitemapindex xmlns="${SITEMAP_NS}">\n${sitemaps.join('\n')}\n</sitemapindex>\n`;
  }
  if (page > pages) return undefined;
  return renderUrlset(ctx, entries.slice((page - 1) * URLS_PER_SITEMAP, page * URLS_PER_SITEMAP));
}

function renderUrlset(ctx: FeedContext, entries: SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url>${element('loc', publicUrl(ctx, entry.path))}${element('lastmod', w3cDate(entry.lastModified))}</url>`,
  );
  return `${XML_DECLARATION}\n<urlset xmlns="${SITEMAP_NS}">\n${urls.join('\n')}\n</urlset>\n`;
}

/** W3C Datetime to the second, in UTC: 2026-01-01T10:00:00Z. */
function w3cDate(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The site's URLs from the articles (newest first): home, each article, each author once. */
export function siteEntries(articles: ArticleListItem[]): SitemapEntry[] {
  const articleEntries: SitemapEntry[] = [];
  const authors = new Map<string, number>();
  const seen = new Set<string>();
  let newest = 0;
  for (const article of articles) {
    // Offset paging over a list that grows while it is read can show an article twice.
    if (seen.has(article.slug)) continue;
    seen.add(article.slug);
    const lastModified = Date.parse(article.updatedAt);
    newest = Math.max(newest, lastModified);
    articleEntries.push({ path: paths.article.href(article.slug), lastModified });
    const author = article.author.username;
    authors.set(author, Math.max(authors.get(author) ?? 0, lastModified));
  }
  const profiles = [...authors].map(([username, lastModified]) => ({
    path: paths.profile.href(username),
    lastModified,
  }));
  return [{ path: paths.home.href(), lastModified: newest || Date.now() }, ...articleEntries, ...profiles];
}

/**
 * Reads the whole article list, or joins the walk that is running or finished a few minutes ago:
 * a crawler fetching the index and its pages, in turn or in parallel, costs one walk. A failed
 * walk is forgotten at once.
 */
export function walkSite(ctx: FeedContext): Promise<SiteEntries> {
  const origin = ctx.publicOrigin;
  const known = walks.get(origin);
  if (known) return known;
  const walk = walkArticles(ctx);
  walks.set(origin, walk);
  const forget = (): void => {
    if (walks.get(origin) === walk) walks.delete(origin);
  };
  walk.then(() => {
    // Node's timers can be unref'ed (the process need not wait for this one); a DOM's cannot.
    const timer: unknown = setTimeout(forget, WALK_REUSE_MS);
    (timer as { unref?: () => void }).unref?.();
  }, forget);
  return walk;
}

/** Walks running or recently finished, by public origin (one per renderer in practice). */
const walks = new Map<string, Promise<SiteEntries>>();

/** Forgets finished walks (tests start each case from the API). */
export function forgetWalks(): void {
  walks.clear();
}

async function walkArticles(ctx: FeedContext): Promise<SiteEntries> {
  // One failed call ends the walk: the calls still queued are not made, those in flight aborted.
  const failed = new AbortController();
  const signal = AbortSignal.any([failed.signal, AbortSignal.timeout(WALK_TIMEOUT_MS)]);
  const first = await listArticles(ctx, { limit: API_PAGE_SIZE, offset: 0 }, signal);
  const reachable = Math.min(first.articlesCount, API_MAX_OFFSET + API_PAGE_SIZE);
  const offsets: number[] = [];
  for (let offset = API_PAGE_SIZE; offset < reachable; offset += API_PAGE_SIZE) offsets.push(offset);
  const pages: ArticleListItem[][] = [first.articles];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < offsets.length && !signal.aborted) {
      const index = next;
      next += 1;
      try {
        const page = await listArticles(ctx, { limit: API_PAGE_SIZE, offset: offsets[index] ?? 0 }, signal);
        pages[index + 1] = page.articles;
      } catch (error) {
        failed.abort();
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_REQUESTS, offsets.length) }, worker));
  const articles = pages.flat();
  return { entries: siteEntries(articles), articlesCount: first.articlesCount, articlesListed: articles.length };
}
