// Every address the app builds must come back whole, and the entry's matching (paths.match) must
// agree with the router's, since both decide what a visit to an address shows.
import { describe, expect, test } from '@jest/globals';
import { matchRoutes } from 'react-router';

import { paths } from './paths';

const ODD = [
  "rock'n'roll",
  'two words',
  'a/b',
  'why?',
  '#1',
  '100%',
  '%2F',
  'a+b&c=d',
  'naïve café',
  '日本語',
  '🙂',
  'back\\slash',
  '..dots',
];

/** What react-router's own matcher reads from `pathname` for `pattern`, or null. */
function routerParams(pattern: string, pathname: string) {
  const params = matchRoutes([{ path: pattern }], pathname)?.[0]?.params;
  return params ? { ...params } : null;
}

describe('paths: path parameters', () => {
  test.each(ODD)('When %j is put into an address, then matching that address gives it back', (value) => {
    expect(paths.article.match(paths.article.href(value))).toEqual({ slug: value });
    expect(paths.editor.match(paths.editor.href(value))).toEqual({ slug: value });
    expect(paths.profile.match(paths.profile.href(value))).toEqual({ username: value });
    expect(paths.profileFavorites.match(paths.profile.href(value, { tab: 'favorites' }))).toEqual({ username: value });
    expect(paths.profileFavorites.match(paths.profileFavorites.href(value))).toEqual({ username: value });
  });

  // The router reads an escaped `%2F` inside a value as `/` (it decodes the path before matching
  // it); paths.match decodes each value once, so that one value comes back exactly only here.
  test.each(ODD.filter((value) => value !== '%2F'))(
    'When the router matches an address built from %j, then it reads the same parameters',
    (value) => {
      for (const [route, href] of [
        [paths.article, paths.article.href(value)],
        [paths.editor, paths.editor.href(value)],
        [paths.profile, paths.profile.href(value)],
        [paths.profileFavorites, paths.profileFavorites.href(value)],
      ] as const) {
        expect(route.match(href)).toEqual(routerParams(route.pattern, href));
      }
    },
  );

  test('When a value has characters a path gives a meaning to, then they are escaped in the address', () => {
    expect(paths.article.href('a/b?c#d e')).toBe('/article/a%2Fb%3Fc%23d%20e');
    expect(paths.article.href("rock'n'roll")).toBe("/article/rock'n'roll");
    expect(paths.profile.href('naïve')).toBe('/profile/na%C3%AFve');
  });

  test('When addresses differ only in case or trailing slashes, then they match as the router matches them', () => {
    const cases = [
      '/',
      '',
      '/article/x',
      '/Article/x',
      '/article/x/',
      '/article/x//',
      '/article/',
      '/article',
      '/article/x/y',
      '/articles/x',
      '/editor',
      '/editor/',
      '/editor/x',
      '/editor/x/y',
      '/profile/ada',
      '/profile/ada/favorites',
      '/PROFILE/ada/Favorites/',
      '/profile/ada/followers',
      '/search',
      '/search/',
      '/searching',
      '/login',
    ];
    for (const pathname of cases) {
      for (const route of Object.values(paths)) {
        expect([pathname, route.pattern, route.match(pathname)]).toEqual([
          pathname,
          route.pattern,
          routerParams(route.pattern, pathname),
        ]);
      }
    }
  });

  test('When an address has a malformed escape, then it matches no route', () => {
    expect(paths.article.match('/article/%E0%A4%A')).toBeNull();
    expect(paths.profile.match('/profile/%')).toBeNull();
  });

  test('When the editor has no slug, then its address is the new-article page', () => {
    expect(paths.editor.href()).toBe('/editor');
    expect(paths.editor.match('/editor')).toEqual({ slug: undefined });
  });
});

describe('paths: query strings', () => {
  test.each(ODD)('When %j is a tag, a search or a redirect, then reading the address gives it back', (value) => {
    expect(paths.home.read(paths.home.href({ tag: value, page: 3 }).split('?')[1] ?? '')).toEqual({
      feed: undefined,
      tag: value,
      page: 3,
    });
    expect(paths.search.read(new URL(paths.search.href({ q: value }), 'http://x').search)).toEqual({
      q: value,
      page: 1,
    });
    const back = `/article/${encodeURIComponent(value)}?page=2#comments`;
    expect(paths.login.read(new URL(paths.login.href({ redirectTo: back }), 'http://x').searchParams)).toEqual({
      redirectTo: back,
    });
    expect(paths.register.read(new URL(paths.register.href({ redirectTo: value }), 'http://x').search)).toEqual({
      redirectTo: value,
    });
  });

  test('When a parameter is absent or the first page, then the address leaves it out', () => {
    expect(paths.home.href()).toBe('/');
    expect(paths.home.href({ tag: undefined, page: 1 })).toBe('/');
    expect(paths.home.href({ page: 2 })).toBe('/?page=2');
    expect(paths.home.href({ tag: 'essays' })).toBe('/?tag=essays');
    expect(paths.home.href({ feed: 'following', page: 2 })).toBe('/?feed=following&page=2');
    expect(paths.search.href()).toBe('/search');
    expect(paths.search.href({ q: 'dragons maps', page: 2 })).toBe('/search?q=dragons+maps&page=2');
    expect(paths.login.href()).toBe('/login');
    expect(paths.login.href({ redirectTo: '/editor' })).toBe('/login?redirectTo=%2Feditor');
    expect(paths.profile.href('ada', { page: 3 })).toBe('/profile/ada?page=3');
    expect(paths.profile.href('ada', { tab: 'favorites', page: 1 })).toBe('/profile/ada/favorites');
  });

  test('When the page is not a whole number above 1, then the first page is read; a huge one is capped', () => {
    for (const page of ['', 'x', '0', '-2', '1.5', '1e400']) {
      expect(paths.search.read(`?q=a&page=${page}`).page).toBe(1);
    }
    expect(paths.profile.read('?page=7').page).toBe(7);
    expect(paths.profile.read('?page=99999999').page).toBe(10_000);
  });

  test('When a text parameter is only spaces, or the feed is unknown, then it counts as absent', () => {
    expect(paths.home.read('?tag=%20%20&feed=everyone')).toEqual({ feed: undefined, tag: undefined, page: 1 });
    expect(paths.home.read('?feed=following')).toEqual({ feed: 'following', tag: undefined, page: 1 });
    expect(paths.search.read('?q=+dragons+')).toEqual({ q: 'dragons', page: 1 });
  });
});
