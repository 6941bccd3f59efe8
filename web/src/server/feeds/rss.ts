// /rss.xml: the newest articles as RSS 2.0, all of them or filtered with ?tag= and/or ?author=.
// https://www.rssboard.org/rss-specification
// https://www.rssboard.org/media-rss (media:content for the cover)
// https://www.rssboard.org/rss-profile#namespace-elements-atom-link (the self link)
import { AUTHOR_FILTER_MAX_LENGTH, TAG_FILTER_MAX_LENGTH, parseImageUrl, textLength } from '@inkwell/rules';

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

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';
/** Feed readers poll; nginx keeps a copy for a minute, readers for five. */
export const RSS_CACHE_CONTROL = 'public, max-age=300, s-maxage=60';
export const RSS_ITEMS = 20;

/** The contract's limits on the list filters, in characters (code points). */
const FILTER_MAX_LENGTH = { tag: TAG_FILTER_MAX_LENGTH, author: AUTHOR_FILTER_MAX_LENGTH } as const;

const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

const IMAGE_TYPES: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export interface RssFilter {
  tag?: string;
  author?: string;
}

/** The filter from the query string, or why it is not one. Other parameters (a reader's utm_…) are ignored. */
export function parseRssFilter(params: URLSearchParams): RssFilter | string {
  const filter: RssFilter = {};
  for (const name of ['tag', 'author'] as const) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    const value = values[0] ?? '';
    if (values.length > 1) return `${name} may be given once`;
    const maxLength = FILTER_MAX_LENGTH[name];
    if (value === '' || textLength(value) > maxLength) return `${name} must be 1 to ${maxLength} characters long`;
    filter[name] = value;
  }
  return filter;
}

/** GET /rss.xml[?tag=…][&author=…] */
export async function rssFeed(ctx: FeedContext, params: URLSearchParams): Promise<FeedAnswer> {
  const filter = parseRssFilter(params);
  if (typeof filter === 'string') return textAnswer(400, filter);
  try {
    const { articles } = await listArticles(ctx, { ...filter, limit: RSS_ITEMS, offset: 0 });
    return {
      status: 200,
      contentType: RSS_CONTENT_TYPE,
      cacheControl: RSS_CACHE_CONTROL,
      body: renderRss(ctx, filter, articles),
    };
  } catch (error) {
    return upstreamFailure(error);
  }
}

/** The RSS document for `articles` (newest first). */
export function renderRss(ctx: FeedContext, filter: RssFilter, articles: ArticleListItem[]): string {
  const query = new URLSearchParams();
  if (filter.tag !== undefined) query.set('tag', filter.tag);
  if (filter.author !== undefined) query.set('author', filter.author);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  const newest = articles.reduce<number | undefined>((latest, article) => {
    const time = Date.parse(article.updatedAt);
    return latest === undefined || time > latest ? time : latest;
  }, undefined);

  const channel = [
    element('title', channelTitle(filter)),
    element('link', channelLink(ctx, filter)),
    element('description', channelDescription(filter)),
    element('atom:link', undefined, {
      href: publicUrl(ctx, `/rss.xml${search}`),
      rel: 'self',
      type: 'application/rss+xml',
    }),
    element('generator', 'Inkwell'),
    element('docs', 'https://www.rssboard.org/rss-specification'),
    ...(newest === undefined ? [] : [element('lastBuildDate', new Date(newest).toUTCString())]),
    ...articles.map((article) => renderItem(ctx, article)),
  ];
  const rss = `<rss version="2.0"${Object.entries(NAMESPACES)
    .map(([name, uri]) => ` ${name}="${uri}"`)
    .join('')}>`;
  return `${XML_DECLARATION}\n${rss}\n<channel>\n${channel.join('\n')}\n</channel>\n</rss>\n`;
}

function renderItem(ctx: FeedContext, article: ArticleListItem): string {
  const link = publicUrl(ctx, paths.article.href(article.slug));
  const lines = [
    element('title', article.title),
    element('link', link),
    element('guid', guidOf(ctx, article), { isPermaLink: 'false' }),
    element('description', article.description),
    element('pubDate', new Date(article.publishedAt ?? article.createdAt).toUTCString()),
    // RSS's own <author> must be an e-mail address, which the contract never publishes.
    element('dc:creator', article.author.username),
    ...article.tagList.map((tag) => element('category', tag)),
  ];
  const cover = article.coverImage ? coverOf(article.coverImage) : undefined;
  if (cover) lines.push(cover);
  return `<item>\n${lines.map((line) => `  ${line}`).join('\n')}\n</item>`;
}

/**
 * A tag URI (RFC 4151) from the author and the creation time, not the link: the slug follows the
 * title, and a reader must not see a corrected typo as a new article.
 */
function guidOf(ctx: FeedContext, article: ArticleListItem): string {
  const day = article.createdAt.slice(0, 10);
  return `tag:${new URL(ctx.publicOrigin).hostname},${day}:article/${encodeURIComponent(article.author.username)}/${article.createdAt}`;
}

/**
 * The cover as Media RSS: its URL without the app's size hints, which become width and height.
 * Only an absolute http(s) URL: a feed is read on other sites.
 */
function coverOf(coverImage: string): string | undefined {
  const { src, width, height } = parseImageUrl(coverImage);
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const extension = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase() ?? '';
  return element('media:content', undefined, {
    url: src,
    medium: 'image',
    type: IMAGE_TYPES[extension],
    width,
    height,
  });
}

function channelTitle(filter: RssFilter): string {
  const parts = ['Inkwell'];
  if (filter.tag !== undefined) parts.push(`#${filter.tag}`);
  if (filter.author !== undefined) parts.push(`by ${filter.author}`);
  return parts.join(' · ');
}

function channelDescription(filter: RssFilter): string {
  const about = [
    filter.tag === undefined ? '' : ` tagged ${filter.tag}`,
    filter.author === undefined ? '' : ` by ${filter.author}`,
  ].join('');
  return `The ${RSS_ITEMS} newest articles${about} on Inkwell.`;
}

/** The page a person would read the same list on. */
function channelLink(ctx: FeedContext, filter: RssFilter): string {
  if (filter.author !== undefined && filter.tag === undefined) {
    return publicUrl(ctx, paths.profile.href(filter.author));
  }
  return publicUrl(ctx, paths.home.href({ tag: filter.tag }));
}
