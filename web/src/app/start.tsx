import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';

import { createQueryClient } from '@/lib/query-client';

import type { FirstScreen } from './first-screen';
import { AppProvider } from './provider';
import { AppRoutes, preloadLandingPage } from './router';

/**
 * Renders the app. The first screen's requests are already on their way (see first-screen.ts):
 * the query cache takes them over under their keys, and the landing page's chunk is awaited, so
 * the first render shows the page (or its data's skeleton), never a page-level fallback.
 */
export async function startApp(firstScreen: FirstScreen): Promise<void> {
  const queryClient = createQueryClient();
  for (const { queryKey, promise } of firstScreen.queries) {
    void queryClient.prefetchQuery({ queryKey, queryFn: () => promise });
  }
  if (firstScreen.page) await preloadLandingPage(firstScreen.page);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  // The first commit replaces the shell index.html came with (shell.tsx). A transition renders in
  // slices, so the main thread stays responsive while the page builds.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <AppProvider queryClient={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AppProvider>
      </StrictMode>,
    );
  });
}
