import { describe, expect, test } from '@jest/globals';
import { matchRoutes, type RouteObject } from 'react-router';

import { paths } from '@/config/paths';

import { matchPublicPage } from './public-pages';

/** The routes as router.tsx declares them (under the layout route), from the same patterns. */
const ROUTES: RouteObject[] = [
  {
    children: [
      { path: paths.home.pattern, id: 'home' },
      { path: paths.search.pattern, id: 'search' },
      { path: paths.article.pattern, id: 'article' },
      { path: paths.profile.pattern, id: 'profile' },
      { path: paths.profileFavorites.pattern, id: 'favorites' },
      { path: paths.login.pattern, id: 'login' },
      { path: paths.editor.pattern, id: 'editor' },
      { path: '*', id: 'not-found' },
    ],
  },
];

/** What the router renders at `pathname`, and with which parameters. */
function routed(pathname: string): { id: string | undefined; params: Record<string, string | undefined> } {
  const leaf = matchRoutes(ROUTES, pathname)?.at(-1);
  return { id: leaf?.route.id, params: leaf?.params ?? {} };
}

describe('matchPublicPage', () => {
  test.each([
    '/',
    '/search',
    '/search/',
    '/SEARCH',
    '/article/hello-world',
    '/Article/hello-world/',
    '/article/caf%C3%A9',
    '/article/a%2Fb',
    '/article/a%20b',
    '/article/%E0%A4%A',
    '/article/a/b',
    '/article',
    '/profile/ada',
    '/profile/Ada%20L',
    '/profile/ada/favorites',
    '/profile/ada/Favorites/',
    '/profile/ada/other',
    '/profile/%E0%A4%A/favorites',
    '/login',
    '/editor/a',
    '/nowhere',
  ])('When the address is %s, then it names the same page and parameters as the router', (pathname) => {
    const page = matchPublicPage(pathname, '');
    const { id, params } = routed(pathname);

    const expected =
      id === 'home'
        ? 'home'
        : id === 'search'
          ? 'search'
          : id === 'article'
            ? `article ${params.slug}`
            : id === 'profile'
              ? `profile ${params.username} articles`
              : id === 'favorites'
                ? `profile ${params.username} favorites`
                : undefined;
    const actual =
      page === undefined
        ? undefined
        : page.name === 'article'
          ? `article ${page.slug}`
          : page.name === 'profile'
            ? `profile ${page.username} ${page.tab}`
            : page.name;
    expect(actual).toBe(expected);
  });

  test('When the address has a query, then the page reads its tag, page and words as the pages do', () => {
    expect(matchPublicPage('/', '?tag=%20travel%20&page=3')).toEqual({ name: 'home', tag: 'travel', page: 3 });
    expect(matchPublicPage('/', '?feed=following&page=x')).toEqual({ name: 'home', tag: undefined, page: 1 });
    expect(matchPublicPage('/search', `?q=${'a'.repeat(250)}&page=2`)).toEqual({
      name: 'search',
      q: 'a'.repeat(200),
      page: 2,
    });
    expect(matchPublicPage('/profile/ada/favorites', '?page=2')).toEqual({
      name: 'profile',
      username: 'ada',
      tab: 'favorites',
      page: 2,
    });
  });
});
