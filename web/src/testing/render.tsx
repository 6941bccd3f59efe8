import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { render } from '@testing-library/react';
import { useEffect } from 'react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, type Location } from 'react-router';

import { AppProvider } from '@/app/provider';
import { AppRoutes } from '@/app/router';
import { createQueryClient } from '@/lib/query-client';
import { setSession, type SessionUser } from '@/lib/session';

import { mockControls } from './mocks/controls';
import { mockDb } from './mocks/db';
import { server } from './mocks/server';

/**
 * Answers every API call of a test file from the mock handlers (the same ones mock mode uses);
 * a request no handler knows fails the test. Each test starts from an empty store and arranges
 * its own rows with the factories.
 */
export function setUpMockApi(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    mockDb.clear();
    mockControls.reset();
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

interface RenderAppOptions {
  /** Signed in as this user (a factory's `seedUser()`), or signed out. */
  user?: SessionUser;
}

/** Renders the whole app at `url` with a fresh QueryClient that never retries. */
export function renderApp(url = '/', { user }: RenderAppOptions = {}) {
  if (user) setSession(user);
  const queryClient = createQueryClient({
    queries: { retry: false, gcTime: Infinity },
    mutations: { retry: false },
  });
  const current: { location: Location | null } = { location: null };
  function LocationProbe() {
    const location = useLocation();
    useEffect(() => {
      current.location = location;
    }, [location]);
    return null;
  }
  const result = render(
    <AppProvider queryClient={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
        <LocationProbe />
      </MemoryRouter>
    </AppProvider>,
  );
  return {
    ...result,
    queryClient,
    user: userEvent.setup(),
    /** Path and query of the current address, e.g. `/login?redirectTo=%2Feditor`. */
    path: () => `${current.location?.pathname ?? ''}${current.location?.search ?? ''}`,
  };
}
