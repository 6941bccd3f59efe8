import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';

import { prefetchFirstScreen } from '@/app/prefetch';
import { AppProvider } from '@/app/provider';
import { AppRoutes } from '@/app/router';
import { createQueryClient } from '@/lib/query-client';

import './app/styles/index.css';

/**
 * Mock mode (`vite --mode mock`) answers the API from MSW in a service worker. The mode is read
 * here, not through config/env, because only a literal `import.meta.env.MODE` test lets the
 * bundler drop the mock chunk from production builds entirely.
 */
async function startMockApi(): Promise<void> {
  if (import.meta.env.MODE !== 'mock') return;
  const { worker } = await import('@/testing/mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

async function start(): Promise<void> {
  await startMockApi();
  const queryClient = createQueryClient();
  prefetchFirstScreen(queryClient, window.location);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <AppProvider queryClient={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProvider>
    </StrictMode>,
  );
}

void start();
