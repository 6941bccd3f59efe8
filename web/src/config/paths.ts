/*
 * Every address of the app, spelled once. Each route has the `pattern` the router matches
 * (react-router's syntax: `:name`, `:name?`), `href(…)`, which builds the address with its
 * parameters encoded, and `match(pathname)`, which reads them back as the router does (case
 * insensitive, trailing slashes allowed). A route with a query string also has `read(search)`.
 * The router, every link and redirect, and the entry's first screen use it.
 *
 * The entry loads this module before React and the router (app/first-screen.ts), and a server
 * renderer can use it as it is: it imports nothing and reads no browser global.
 */

declare const hrefBrand: unique symbol;

/** An address inside the app, built by `paths`: links take nothing else. */
export type Href = string & { readonly [hrefBrand]: true };

type ParamsOf<Pattern extends string> = Pattern extends `${infer Head}/${infer Tail}`
  ? ParamsOf<Head> & ParamsOf<Tail>
  : Pattern extends `:${infer Name}?`
    ? { [Key in Name]?: string }
    : Pattern extends `:${infer Name}`
      ? { [Key in Name]: string }
      : unknown;

/** The parameters a pattern names, e.g. `{slug?: string}` for `/editor/:slug?`. */
type PathParams<Pattern extends string> = { [Key in keyof ParamsOf<Pattern>]: ParamsOf<Pattern>[Key] };

/** Matches a pathname (percent-encoded, as the address bar has it) the way react-router does. */
function matcher(pattern: string): (pathname: string) => Record<string, string | undefined> | null {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const param = /^:([\w-]+)(\?)?$/.exec(part);
      if (!param) return `/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      names.push(param[1] ?? '');
      return param[2] ? '(?:/([^/]*))?' : '/([^/]+)';
    })
    .join('');
  const regex = new RegExp(`^${source}/*$`, 'i');
  return (pathname) => {
    const found = regex.exec(pathname);
    if (!found) return null;
    try {
      return Object.fromEntries(
        names.map((name, i) => {
          const value = found[i + 1];
          return [name, value ? decodeURIComponent(value) : undefined];
        }),
      );
    } catch {
      // A malformed escape names nothing; the page shown there says it does not exist.
      return null;
    }
  };
}

/**
 * The pathname as react-router matches it. With a malformed escape anywhere the router takes the
 * whole path undecoded (and warns), so `/article/%E0%A4%A` is an article whose slug is that text,
 * where `match` names nothing. Code that must render what the router renders there (the server
 * renderer) matches this instead: its `%` signs escaped, they come back as they were.
 */
export function routedPathname(pathname: string): string {
  try {
    decodeURIComponent(pathname);
    return pathname;
  } catch {
    return pathname.replaceAll('%', '%25');
  }
}

function route<Pattern extends string, Build extends (...args: never[]) => Href>(pattern: Pattern, href: Build) {
  return { pattern, href, match: matcher(pattern) as (pathname: string) => PathParams<Pattern> | null };
}

/** One path segment: `/`, `?`, `#`, `%` and spaces are escaped, so the value comes back whole. */
const segment = encodeURIComponent;

/** Keeps only the parameters given, form-encoded as the search box's plain form sends them. */
function withQuery(path: string, query: Record<string, string | number | undefined> = {}): Href {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const encoded = search.toString();
  return (encoded ? `${path}?${encoded}` : path) as Href;
}

/** The first page is the address without `page`. */
const pageParam = (page: number | undefined) => (page !== undefined && page > 1 ? page : undefined);

type Search = string | URLSearchParams;

/**
 * Text as typed (trimmed; empty is absent), and the page: 1 unless a whole number above it, and
 * capped so that its offset stays within the API's (`LIST_MAX_OFFSET`, at 10 articles a page).
 */
function query(search: Search) {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page'));
  return {
    text: (name: string) => params.get(name)?.trim() || undefined,
    page: Number.isInteger(page) && page > 1 ? Math.min(page, 10_000) : 1,
  };
}

export type ProfileTab = 'articles' | 'favorites' | 'drafts' | 'scheduled';

/**
 * A profile's articles, or with `{tab}` the address `profileFavorites` (or, for its owner alone,
 * `profileDrafts`, `profileScheduled`) matches.
 */
const profile = route(
  '/profile/:username',
  (username: string, { tab = 'articles', page }: { tab?: ProfileTab; page?: number } = {}) =>
    withQuery(`/profile/${segment(username)}${tab === 'articles' ? '' : `/${tab}`}`, { page: pageParam(page) }),
);

/** Signing in or up, then back to `redirectTo` (read raw: the page checks it with `safeRedirect`). */
const authRoute = (pattern: '/login' | '/register') => ({
  ...route(pattern, ({ redirectTo }: { redirectTo?: string | undefined } = {}) => withQuery(pattern, { redirectTo })),
  read: (search: Search) => ({ redirectTo: new URLSearchParams(search).get('redirectTo') ?? undefined }),
});

export const paths = {
  /** Everyone's articles (or one tag's), or those of the people the reader follows. */
  home: {
    ...route('/', ({ feed, tag, page }: { feed?: 'following'; tag?: string | undefined; page?: number } = {}) =>
      withQuery('/', feed ? { feed, page: pageParam(page) } : { tag, page: pageParam(page) }),
    ),
    read: (search: Search) => {
      const { text, page } = query(search);
      return { feed: text('feed') === 'following' ? ('following' as const) : undefined, tag: text('tag'), page };
    },
  },
  search: {
    ...route('/search', ({ q, page }: { q?: string; page?: number } = {}) =>
      withQuery('/search', { q, page: pageParam(page) }),
    ),
    read: (search: Search) => {
      const { text, page } = query(search);
      return { q: text('q'), page };
    },
  },
  login: authRoute('/login'),
  register: authRoute('/register'),
  logout: route('/logout', () => withQuery('/logout')),
  settings: route('/settings', () => withQuery('/settings')),
  /** A new article, or its author's edit of an existing one. */
  editor: route('/editor/:slug?', (slug?: string) => withQuery(slug ? `/editor/${segment(slug)}` : '/editor')),
  article: route('/article/:slug', (slug: string) => withQuery(`/article/${segment(slug)}`)),
  profile: { ...profile, read: (search: Search) => ({ page: query(search).page }) },
  profileFavorites: route('/profile/:username/favorites', (username: string, { page }: { page?: number } = {}) =>
    profile.href(username, { tab: 'favorites', page }),
  ),
  /** The signed-in writer's drafts and scheduled articles (the API refuses them to anyone else). */
  profileDrafts: route('/profile/:username/drafts', (username: string, { page }: { page?: number } = {}) =>
    profile.href(username, { tab: 'drafts', page }),
  ),
  profileScheduled: route('/profile/:username/scheduled', (username: string, { page }: { page?: number } = {}) =>
    profile.href(username, { tab: 'scheduled', page }),
  ),
};
