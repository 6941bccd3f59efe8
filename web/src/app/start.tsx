import { StrictMode, startTransition, useEffect, useRef } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { UNSAFE_createBrowserHistory, unstable_HistoryRouter as HistoryRouter, useLocation } from 'react-router';

import { PAGE_HEAD_ATTRIBUTE } from '@/lib/embedded-state';
import { guardHistory } from '@/lib/leave-guard';
import { createQueryClient } from '@/lib/query-client';
import { hydratePage } from '@/lib/query-hydration';
import { getSession } from '@/lib/session';

import type { FirstScreen } from './first-screen';
import { AppProvider } from './provider';
import { AppRoutes, preloadLandingPage } from './router';

/**
 * The server-rendered page's head describes the page the visit landed on; once the app shows
 * another one it would be wrong (a browser's share sheet reads the canonical URL), so it goes.
 */
function DropServerHeadOnNavigation() {
  const { pathname, search } = useLocation();
  const landed = useRef(`${pathname}${search}`);
  useEffect(() => {
    if (`${pathname}${search}` === landed.current) return;
    for (const element of document.head.querySelectorAll(`[${PAGE_HEAD_ATTRIBUTE}]`)) element.remove();
  }, [pathname, search]);
  return null;
}

/**
 * Renders the app. The first screen's requests are already on their way (see first-screen.ts):
 * the query cache takes them over under their keys, and the landing page's chunk is awaited, so
 * the first render shows the page (or its data's skeleton), never a page-level fallback. A page the
 * server rendered is hydrated instead, from the query cache it embeds.
 */
export async function startApp(firstScreen: FirstScreen): Promise<Root> {
  const queryClient = createQueryClient();
  const hydrating = firstScreen.serverState !== undefined && hydratePage(queryClient, firstScreen.serverState);
  for (const { queryKey, promise } of firstScreen.queries) {
    void queryClient.prefetchQuery({ queryKey, queryFn: () => promise });
  }
  if (firstScreen.page) await preloadLandingPage(firstScreen.page);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  const app = (
    <StrictMode>
      <AppProvider queryClient={queryClient}>
        <HistoryRouter history={guardHistory(UNSAFE_createBrowserHistory({ v5Compat: true }))}>
          <AppRoutes />
          {hydrating ? <DropServerHeadOnNavigation /> : null}
        </HistoryRouter>
      </AppProvider>
    </StrictMode>
  );
  if (hydrating) {
    const hydrated = hydrateRoot(root, app);
    // The server fetched as a signed-out reader; a signed-in one (who came without the session
    // cookie nginx routes by) sees their own `favorited` and `following` once the page has mounted.
    if (getSession()) void queryClient.invalidateQueries();
    return hydrated;
  }
  // The first commit replaces the shell index.html came with (shell.tsx). A transition renders in
  // slices, so the main thread stays responsive while the page builds.
  const created = createRoot(root);
  startTransition(() => {
    created.render(app);
  });
  return created;
}
