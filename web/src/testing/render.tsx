import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { act, render } from '@testing-library/react';
import { useEffect } from 'react';
import userEvent from '@testing-library/user-event';
import {
  UNSAFE_createMemoryHistory,
  unstable_HistoryRouter as HistoryRouter,
  useLocation,
  type Location,
} from 'react-router';

import { AppProvider } from '@/app/provider';
import { AppRoutes } from '@/app/router';
import { guardHistory } from '@/lib/leave-guard';
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
    localStorage.clear();
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
  // The app's own guarded history (app/start.tsx), in memory.
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: [url], v5Compat: true }));
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
      <HistoryRouter history={history}>
        <AppRoutes />
        <LocationProbe />
      </HistoryRouter>
    </AppProvider>,
  );
  return {
    ...result,
    queryClient,
    user: userEvent.setup(),
    /** Back, as the browser's button. */
    back: () => act(() => history.go(-1)),
    /** Path and query of the current address, e.g. `/login?redirectTo=%2Feditor`. */
    path: () => `${current.location?.pathname ?? ''}${current.location?.search ?? ''}`,
  };
}
