import { InkwellApiError } from '@inkwell/client';
import { QueryClient, type DefaultOptions } from '@tanstack/react-query';

/**
 * Retrying a 4xx gives the same answer, and the API client has already retried a 503 as long as its
 * Retry-After allowed; network failures and other 5xx get two more tries.
 */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof InkwellApiError && (error.status < 500 || error.status === 503)) return false;
  return failureCount < 2;
}

const queryConfig = {
  queries: {
    // Lists and articles change slowly; this keeps back-and-forth navigation free of refetches.
    staleTime: 30_000,
    retry: shouldRetry,
    refetchOnWindowFocus: false,
  },
  mutations: { retry: false },
} satisfies DefaultOptions;

/** A client per app (and per test: pass `{queries: {retry: false}}`). */
export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { ...queryConfig.queries, ...overrides.queries },
      mutations: { ...queryConfig.mutations, ...overrides.mutations },
    },
  });
}
