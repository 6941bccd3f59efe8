import { parseImageUrl } from '@inkwell/rules';

import { paths, type ProfileTab } from '@/config/paths';
import type { Article } from '@/features/articles/api/article-requests';
import type { Profile } from '@/features/profiles/api/profile-requests';
import { PAGE_HEAD_ATTRIBUTE, serializeForScript } from '@/lib/embedded-state';

/*
 * The head of a server-rendered page, beside the `<title>` its component renders: description,
 * canonical URL, Open Graph and Twitter cards, JSON-LD, robots, feed links. Written as a string, so
 * every value is escaped here: attributes with `escapeAttribute`, JSON-LD with `serializeForScript`
 * (a `</script>` in a title stays inside the block). Every URL starts with the configured public
 * origin, never with what the request's Host header claims. Each element carries
 * PAGE_HEAD_ATTRIBUTE: the app removes them once it shows another page.
 */

const SITE_NAME = 'Inkwell';
export const SITE_DESCRIPTION =
  'Inkwell is an open publishing platform: read and write illustrated articles, follow authors, favorite and discuss.';
/** Search engines show about this much of a description. */
const DESCRIPTION_LENGTH = 200;

/** What a page is about, as the head needs it. */
export type PageFacts =
  | { kind: 'home'; tag: string | undefined; page: number }
  | { kind: 'article'; article: Article }
  | { kind: 'profile'; profile: Profile; tab: ProfileTab; page: number }
  | { kind: 'search'; q: string; page: number }
  | { kind: 'not-found' }
  /** The API refused the page's request (a parameter out of bounds): shown as an error, never indexed. */
  | { kind: 'refused' };

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** Whitespace collapsed, cut at a word near `length`. */
export function summarize(text: string, length = DESCRIPTION_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?–—-]+$/, '')}…`;
}

/** A feed's address with its parameters (`/rss.xml?tag=x`); the pages' own come from `paths`. */
function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '' && !(name === 'page' && value === 1)) query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** An image's absolute address without the app's size hints, or undefined when it is not a web URL. */
function absoluteImage(url: string, origin: string): { url: string; width?: number; height?: number } | undefined {
  const { src, width, height } = parseImageUrl(url);
  try {
    const absolute = new URL(src, origin);
    if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return undefined;
    return { url: absolute.href, ...(width && height ? { width, height } : {}) };
  } catch {
    return undefined;
  }
}

interface Head {
  /** The social card's title: the page's own, without the site's name. */
  title: string;
  description: string;
  /** Path of the canonical URL; none on a 404. */
  path?: string;
  noindex?: boolean;
  type: 'website' | 'article' | 'profile';
  image?: { url: string; width?: number; height?: number; alt: string };
  /** `article:*` and `profile:*` Open Graph properties. */
  properties?: [string, string][];
  feeds: { title: string; path: string }[];
  jsonLd?: Record<string, unknown>;
}

const SITE_FEED = { title: SITE_NAME, path: '/rss.xml' };

function describe(facts: PageFacts, origin: string): Head {
  switch (facts.kind) {
    case 'home': {
      const { tag, page } = facts;
      const path = paths.home.href({ tag, page });
      return {
        title: tag ? `Stories tagged “${tag}”` : `${SITE_NAME} — stories worth reading`,
        description: tag ? `Articles tagged “${tag}” on ${SITE_NAME}, newest first.` : SITE_DESCRIPTION,
        path,
        type: 'website',
        feeds: tag
          ? [SITE_FEED, { title: `${SITE_NAME}: #${tag}`, path: withQuery('/rss.xml', { tag }) }]
          : [SITE_FEED],
        ...(path === paths.home.href()
          ? {
              jsonLd: {
                '@context': 'https://schema.org',
                '@type': 'WebSite',
                name: SITE_NAME,
                url: `${origin}${paths.home.href()}`,
                potentialAction: {
                  '@type': 'SearchAction',
                  target: `${origin}${paths.search.pattern}?q={search_term_string}`,
                  'query-input': 'required name=search_term_string',
                },
              },
            }
          : {}),
      };
    }
    case 'article': {
      const { article } = facts;
      const path = paths.article.href(article.slug);
      const author = article.author.username;
      const cover = article.coverImage ? absoluteImage(article.coverImage, origin) : undefined;
      return {
        title: article.title,
        description: summarize(article.description || article.body) || SITE_DESCRIPTION,
        path,
        type: 'article',
        ...(cover ? { image: { ...cover, alt: article.title } } : {}),
        properties: [
          ['article:published_time', article.publishedAt ?? article.createdAt],
          ['article:modified_time', article.updatedAt],
          ['article:author', `${origin}${paths.profile.href(author)}`],
          ...article.tagList.map((tag): [string, string] => ['article:tag', tag]),
        ],
        feeds: [SITE_FEED, { title: `${SITE_NAME}: ${author}`, path: withQuery('/rss.xml', { author }) }],
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'BlogPosting',
          headline: article.title,
          ...(article.description ? { description: article.description } : {}),
          ...(cover ? { image: [cover.url] } : {}),
          datePublished: article.publishedAt ?? article.createdAt,
          dateModified: article.updatedAt,
          author: { '@type': 'Person', name: author, url: `${origin}${paths.profile.href(author)}` },
          ...(article.tagList.length > 0 ? { keywords: article.tagList.join(', ') } : {}),
          url: `${origin}${path}`,
          mainEntityOfPage: `${origin}${path}`,
        },
      };
    }
    case 'profile': {
      const { profile, tab, page } = facts;
      const base = paths.profile.href(profile.username);
      const avatar = profile.image ? absoluteImage(profile.image, origin) : undefined;
      return {
        title: tab === 'articles' ? profile.username : `${profile.username}’s favorites`,
        description: summarize(
          tab === 'favorites'
            ? `Articles ${profile.username} keeps as favorites on ${SITE_NAME}.`
            : profile.bio || `Articles by ${profile.username} on ${SITE_NAME}.`,
        ),
        path: paths.profile.href(profile.username, { tab, page }),
        type: 'profile',
        ...(avatar ? { image: { ...avatar, alt: profile.username } } : {}),
        properties: [['profile:username', profile.username]],
        feeds: [
          SITE_FEED,
          { title: `${SITE_NAME}: ${profile.username}`, path: withQuery('/rss.xml', { author: profile.username }) },
        ],
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'ProfilePage',
          url: `${origin}${base}`,
          mainEntity: {
            '@type': 'Person',
            name: profile.username,
            alternateName: profile.username,
            url: `${origin}${base}`,
            ...(avatar ? { image: avatar.url } : {}),
            ...(profile.bio ? { description: profile.bio } : {}),
          },
        },
      };
    }
    case 'search':
      return {
        title: facts.q ? `Search results for “${facts.q}”` : 'Search',
        description: facts.q
          ? `Articles on ${SITE_NAME} matching “${facts.q}”.`
          : `Search the articles on ${SITE_NAME}.`,
        path: paths.search.href({ q: facts.q, page: facts.page }),
        noindex: true,
        type: 'website',
        feeds: [SITE_FEED],
      };
    case 'not-found':
    case 'refused':
      return {
        title: facts.kind === 'not-found' ? 'Not found' : SITE_NAME,
        description: SITE_DESCRIPTION,
        noindex: true,
        type: 'website',
        feeds: [SITE_FEED],
      };
  }
}

/** The page's head elements, escaped, in one string. */
export function renderPageHead(facts: PageFacts, publicOrigin: string): string {
  const origin = publicOrigin.replace(/\/+$/, '');
  const head = describe(facts, origin);
  const tags: string[] = [];
  const element = (name: string, attributes: Record<string, string>): void => {
    const text = Object.entries(attributes)
      .map(([attribute, value]) => ` ${attribute}="${escapeAttribute(value)}"`)
      .join('');
    tags.push(`<${name}${text} ${PAGE_HEAD_ATTRIBUTE}>`);
  };
  const meta = (key: 'name' | 'property', value: string, content: string): void =>
    element('meta', { [key]: value, content });

  meta('name', 'description', head.description);
  if (head.noindex) meta('name', 'robots', 'noindex');
  const url = head.path === undefined ? undefined : `${origin}${head.path}`;
  if (url) element('link', { rel: 'canonical', href: url });
  for (const feed of head.feeds) {
    element('link', {
      rel: 'alternate',
      type: 'application/rss+xml',
      title: feed.title,
      href: `${origin}${feed.path}`,
    });
  }

  meta('property', 'og:site_name', SITE_NAME);
  meta('property', 'og:type', head.type);
  meta('property', 'og:title', head.title);
  meta('property', 'og:description', head.description);
  if (url) meta('property', 'og:url', url);
  if (head.image) {
    meta('property', 'og:image', head.image.url);
    if (head.image.width && head.image.height) {
      meta('property', 'og:image:width', String(head.image.width));
      meta('property', 'og:image:height', String(head.image.height));
    }
    meta('property', 'og:image:alt', head.image.alt);
  }
  for (const [property, content] of head.properties ?? []) meta('property', property, content);

  // A large card for an article with a cover; the small one (with the avatar, if any) elsewhere.
  const large = head.type === 'article' && head.image !== undefined;
  meta('name', 'twitter:card', large ? 'summary_large_image' : 'summary');
  meta('name', 'twitter:title', head.title);
  meta('name', 'twitter:description', head.description);
  if (head.image) {
    meta('name', 'twitter:image', head.image.url);
    meta('name', 'twitter:image:alt', head.image.alt);
  }

  if (head.jsonLd) {
    tags.push(`<script type="application/ld+json" ${PAGE_HEAD_ATTRIBUTE}>${serializeForScript(head.jsonLd)}</script>`);
  }
  return tags.join('');
}
