import { lazy, useState, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';

import { AppLayout } from '@/components/layout/app-layout';
import { paths } from '@/config/paths';

import { loadArticleRoute, loadHomeRoute, loadProfileRoute, loadSearchRoute } from './page-loaders';
import type { PublicPageName } from './public-pages';
import { RequireAuth } from './require-auth';

/** A page in its own chunk, from a module's named export (pages keep named exports like all other modules). */
function page<Name extends string, Props extends object>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
) {
  let loaded: ComponentType<Props> | undefined;
  const preload = async (): Promise<ComponentType<Props>> => (loaded ??= (await load())[name]);
  const Lazy = lazy(async () => ({ default: await preload() }));
  /**
   * Once the chunk is here the page renders at once. A lazy component suspends on its first
   * render even then, and React holds content back for a while after showing a fallback. Each
   * page keeps the component it started with: switching from the lazy one to the loaded one on a
   * later render would remount the page and lose its state (the editor, as its address follows a
   * new draft).
   */
  function Page(props: Props) {
    const [Component] = useState(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  Page.preload = async (): Promise<void> => {
    await preload();
  };
  return Page;
}

/*
 * One chunk per page, so a first visit loads only the shell and the page it lands on (which the
 * entry has already started, see first-screen.ts).
 */
const HomeRoute = page(loadHomeRoute, 'HomeRoute');
const ArticleRoute = page(loadArticleRoute, 'ArticleRoute');
const SearchRoute = page(loadSearchRoute, 'SearchRoute');
const SignInRoute = page(() => import('./routes/sign-in'), 'SignInRoute');
const SignUpRoute = page(() => import('./routes/sign-up'), 'SignUpRoute');
const SignOutRoute = page(() => import('./routes/sign-out'), 'SignOutRoute');
const SettingsRoute = page(() => import('./routes/settings'), 'SettingsRoute');
const EditorRoute = page(() => import('./routes/editor'), 'EditorRoute');
const ProfileRoute = page(loadProfileRoute, 'ProfileRoute');
const NotFoundRoute = page(() => import('./routes/not-found'), 'NotFoundRoute');

const LANDING_PAGES: Record<PublicPageName, { preload: () => Promise<void> }> = {
  home: HomeRoute,
  article: ArticleRoute,
  profile: ProfileRoute,
  search: SearchRoute,
};

/** Resolves once the landing page can render without suspending (a failed chunk is left to the page's error boundary). */
export function preloadLandingPage(landing: PublicPageName): Promise<void> {
  return LANDING_PAGES[landing].preload().catch(() => undefined);
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path={paths.home.pattern} element={<HomeRoute />} />
        <Route path={paths.search.pattern} element={<SearchRoute />} />
        <Route path={paths.login.pattern} element={<SignInRoute />} />
        <Route path={paths.register.pattern} element={<SignUpRoute />} />
        <Route path={paths.logout.pattern} element={<SignOutRoute />} />
        <Route
          path={paths.settings.pattern}
          element={
            <RequireAuth>
              <SettingsRoute />
            </RequireAuth>
          }
        />
        <Route
          path={paths.editor.pattern}
          element={
            <RequireAuth>
              <EditorRoute />
            </RequireAuth>
          }
        />
        <Route path={paths.article.pattern} element={<ArticleRoute />} />
        <Route path={paths.profile.pattern} element={<ProfileRoute tab="articles" />} />
        <Route path={paths.profileFavorites.pattern} element={<ProfileRoute tab="favorites" />} />
        <Route
          path={paths.profileDrafts.pattern}
          element={
            <RequireAuth>
              <ProfileRoute tab="drafts" />
            </RequireAuth>
          }
        />
        <Route
          path={paths.profileScheduled.pattern}
          element={
            <RequireAuth>
              <ProfileRoute tab="scheduled" />
            </RequireAuth>
          }
        />
        {/* Any other address: not a page of the app, so it has no entry in paths. */}
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
