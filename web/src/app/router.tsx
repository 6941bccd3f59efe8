import { lazy, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';

import { AppLayout } from '@/components/layout/app-layout';

import { RequireAuth } from './require-auth';

/*
 * One chunk per page, so a first visit loads only the shell and the page it lands on.
 * The loaders are exported so the entry can start a page's chunk before React renders.
 */
export const loadHomeRoute = () => import('./routes/home');
export const loadArticleRoute = () => import('./routes/article');

/** A lazy page from a module's named export (pages keep named exports like all other modules). */
function page<Name extends string, Props>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const HomeRoute = page(loadHomeRoute, 'HomeRoute');
const ArticleRoute = page(loadArticleRoute, 'ArticleRoute');
const SearchRoute = page(() => import('./routes/search'), 'SearchRoute');
const SignInRoute = page(() => import('./routes/sign-in'), 'SignInRoute');
const SignUpRoute = page(() => import('./routes/sign-up'), 'SignUpRoute');
const SignOutRoute = page(() => import('./routes/sign-out'), 'SignOutRoute');
const SettingsRoute = page(() => import('./routes/settings'), 'SettingsRoute');
const EditorRoute = page(() => import('./routes/editor'), 'EditorRoute');
const ProfileRoute = page(() => import('./routes/profile'), 'ProfileRoute');
const NotFoundRoute = page(() => import('./routes/not-found'), 'NotFoundRoute');

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomeRoute />} />
        <Route path="search" element={<SearchRoute />} />
        <Route path="login" element={<SignInRoute />} />
        <Route path="register" element={<SignUpRoute />} />
        <Route path="logout" element={<SignOutRoute />} />
        <Route
          path="settings"
          element={
            <RequireAuth>
              <SettingsRoute />
            </RequireAuth>
          }
        />
        <Route
          path="editor/:slug?"
          element={
            <RequireAuth>
              <EditorRoute />
            </RequireAuth>
          }
        />
        <Route path="article/:slug" element={<ArticleRoute />} />
        <Route path="profile/:username" element={<ProfileRoute tab="articles" />} />
        <Route path="profile/:username/favorites" element={<ProfileRoute tab="favorites" />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
