// A server-rendered page, hydrated as the browser does it (main.tsx): the renderer's HTML in the
// document, the embedded state read, the app started on it. React must adopt the HTML as it is:
// no mismatch, no recoverable error, nothing on the console; then the app works as a SPA.
import { afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Root } from 'react-dom/client';

import { resumeServerPage } from '@/app/first-screen';
import { startApp } from '@/app/start';
import { readEmbeddedState } from '@/lib/embedded-state';
import { setSession, type SessionUser } from '@/lib/session';
import type { PageAnswer } from '@/server/render-page';
import { seedArticle, seedComment, seedUser } from '@/testing/factories';
import { server } from '@/testing/mocks/server';
import { setUpMockApi } from '@/testing/render';

setUpMockApi();

beforeAll(() => {
  // React's Node server build schedules its work with setImmediate, which jsdom leaves out.
  globalThis.setImmediate ??= ((callback: () => void) => setTimeout(callback, 0)) as unknown as typeof setImmediate;
});

/**
 * The server's render, with modules of its own (React, the router, the app), as in its own
 * process: sharing them with the browser side here would share the contexts React's server
 * renderer leaves set. The mock API is the same (MSW answers every fetch in this process).
 */
async function renderOnServer(url: string): Promise<PageAnswer> {
  let page: PageAnswer | undefined;
  await jest.isolateModulesAsync(async () => {
    const { renderForTest } = await import('@/testing/render-server');
    page = await renderForTest(url);
  });
  if (!page) throw new Error(`no page rendered for ${url}`);
  return page;
}

/** What went wrong while the page was hydrated: console output and errors React reported. */
let problems: string[] = [];
/** The API requests the browser side made. */
let requests: string[] = [];
let root: Root | undefined;
const onError = (event: ErrorEvent) => problems.push(`error event: ${event.message}`);

beforeEach(() => {
  problems = [];
  requests = [];
  for (const level of ['error', 'warn'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      problems.push(`console.${level}: ${args.map(String).join(' ')}`);
    });
  }
  window.addEventListener('error', onError);
});
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  server.events.removeAllListeners();
  jest.restoreAllMocks();
  window.removeEventListener('error', onError);
});

/**
 * Renders `url` on the server, puts the page into this document, and hydrates it as main.tsx does,
 * with `signedIn`'s session stored in this browser (the server knows nothing of it).
 */
async function loadServerPage(
  url: string,
  { signedIn }: { signedIn?: SessionUser } = {},
): Promise<{ serverHtml: string }> {
  const page = await renderOnServer(url);
  if (signedIn) setSession(signedIn);
  const rendered = new DOMParser().parseFromString(page.html, 'text/html');
  document.head.innerHTML = rendered.head.innerHTML;
  document.body.innerHTML = rendered.body.innerHTML;
  window.history.replaceState(null, '', url);
  const serverHtml = document.getElementById('root')?.innerHTML ?? '';
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
  });

  await act(async () => {
    root = await startApp(resumeServerPage(window.location, readEmbeddedState(document)));
  });
  // Lazy chunks and the Markdown renderer resolve, Suspense boundaries hydrate, effects run.
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  return { serverHtml };
}

function isHydrated(element: Element | null): boolean {
  return element !== null && Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
}

describe('hydrating server-rendered pages', () => {
  test('When an article page is hydrated, then React adopts the HTML unchanged, asks the API nothing, and the page works', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({
      author: ada,
      title: 'The lamp room',
      body: '# The lens\n\n- glass\n- clockwork\n\n[docs](https://example.org) ![fig](https://cdn.example/f.webp#w=1200&h=675&v=320,640)',
      tagList: ['lighthouses'],
      createdAt: '2026-03-01T23:30:00.000Z',
    });
    seedComment({ article, body: 'How loud is the clockwork?' });

    const { serverHtml } = await loadServerPage(`/article/${article.slug}`);

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(document.getElementById('root')?.innerHTML).toBe(serverHtml);
    expect(isHydrated(screen.getByRole('heading', { level: 1, name: 'The lamp room' }))).toBe(true);
    expect(isHydrated(document.querySelector('.prose'))).toBe(true);
    expect(screen.getByText('March 1, 2026')).toBeInTheDocument();
    expect(document.title).toBe('The lamp room — Inkwell');
    expect(document.querySelectorAll('title')).toHaveLength(1);
  });

  test('When the home page is hydrated and a card is clicked, then the article opens client-side and the landing page head goes', async () => {
    const ada = seedUser({ username: 'ada' });
    seedArticle({ author: ada, title: 'First story', body: 'Once upon a time.' });
    seedArticle({ author: ada, title: 'Second story' });
    const user = userEvent.setup();

    const { serverHtml } = await loadServerPage('/');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(document.getElementById('root')?.innerHTML).toBe(serverHtml);
    expect(document.head.querySelector('link[rel="canonical"]')).not.toBeNull();

    const [, older] = screen.getAllByRole('article');
    await user.click(within(older!).getByRole('link', { name: 'First story' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'First story' })).toBeInTheDocument();
    expect(await screen.findByText('Once upon a time.')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/article/first-story');
    expect(document.head.querySelector('link[rel="canonical"]')).toBeNull();
    expect(document.head.querySelector('script[type="application/ld+json"]')).toBeNull();
    expect(problems).toEqual([]);
  });

  test('When a 404 page is hydrated, then it stays the not-found page without asking the API again', async () => {
    await loadServerPage('/article/nothing-here');

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(screen.getByRole('heading', { level: 1, name: 'Article not found' })).toBeInTheDocument();
  });

  test('When a signed-in reader lands on a server-rendered page, then it hydrates signed out, then shows their session and their own data', async () => {
    const ada = seedUser({ username: 'ada' });
    const grace = seedUser({ username: 'grace' });
    seedArticle({ author: ada, title: 'Loved by grace', favoritedBy: [grace] });

    await loadServerPage('/profile/ada', { signedIn: grace });

    expect(problems).toEqual([]);
    expect(await screen.findByRole('link', { name: 'Write' })).toHaveAttribute('href', '/editor');
    expect(await screen.findByRole('button', { name: /Favorite “Loved by grace”/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(requests).toEqual(expect.arrayContaining(['GET /api/v1/profiles/ada', 'GET /api/v1/articles']));
    expect(problems).toEqual([]);
  });

  test('When profile and search pages are hydrated, then neither mismatches', async () => {
    const ada = seedUser({ username: 'ada', bio: 'Engines & looms.' });
    seedArticle({ author: ada, title: 'Dragons of the north', body: 'All about dragons.' });

    await loadServerPage('/profile/ada');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    act(() => root?.unmount());
    root = undefined;
    server.events.removeAllListeners();
    requests = [];

    await loadServerPage('/search?q=dragons');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(screen.getByRole('heading', { level: 1, name: 'Results for “dragons”' })).toBeInTheDocument();
  });
});
