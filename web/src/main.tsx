import { resumeServerPage, startFirstScreen } from '@/app/first-screen';
import { readEmbeddedState } from '@/lib/embedded-state';
import { getSession } from '@/lib/session';

import './app/styles/index.css';

/*
 * The entry is small on purpose: it starts the first screen's data, page chunk and image
 * (app/first-screen.ts), then runs the app, whose chunk index.html already preloads in parallel
 * (see build/preload-app-start.ts). React, the router and the query cache are not needed to ask
 * the API. A page the server rendered (nginx sends signed-out readers of the public pages to the
 * renderer) embeds its data instead and is readable as it arrives: such a page loads this entry
 * only once it has loaded and its largest paint is on screen (rendered-page.ts), and the app
 * hydrates it.
 */

/**
 * Mock mode (`vite --mode mock`) answers the API from MSW in a service worker, which must be
 * running before the first request. The mode is read here, not through config/env, because only a
 * literal `import.meta.env.MODE` test lets the bundler drop the mock chunk from production builds.
 */
async function startMockApi(): Promise<void> {
  if (import.meta.env.MODE !== 'mock') return;
  const { worker } = await import('@/testing/mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

async function start(): Promise<void> {
  await startMockApi();
  const serverState = readEmbeddedState(document);
  const firstScreen =
    serverState === undefined
      ? startFirstScreen(window.location, getSession() !== null)
      : resumeServerPage(window.location, serverState);
  const { startApp } = await import('@/app/start');
  await startApp(firstScreen);
}

void start();
