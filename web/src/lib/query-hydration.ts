import { InkwellApiError, type ErrorMap } from '@inkwell/client';
import { dehydrate, hydrate, type DehydratedState, type QueryClient, type QueryKey } from '@tanstack/react-query';

/*
 * The query cache a server-rendered page carries (lib/embedded-state.ts) and how the browser takes
 * it over before hydrating, so that its first render shows exactly what the server rendered. Beside
 * the answers it carries the requests the API refused with a 4xx (a missing article is a 404 page),
 * as their status and error envelope, which become `InkwellApiError`s again here.
 */

export interface PageState {
  /** TanStack Query's own form of the successful answers. */
  queries: DehydratedState;
  /** The requests the API refused, which the page shows as refused. */
  refused: { queryKey: QueryKey; status: number; errors: ErrorMap }[];
}

/** A refusal that asking again will not change: the page shows it as it is. */
function isClientError(error: unknown): error is InkwellApiError {
  return error instanceof InkwellApiError && error.status >= 400 && error.status < 500;
}

/** The server's cache, ready to embed as JSON: its answers and its 4xx refusals. */
export function dehydratePage(queryClient: QueryClient): PageState {
  const refused = queryClient
    .getQueryCache()
    .findAll({ type: 'all' })
    .flatMap(({ queryKey, state: { error } }) =>
      isClientError(error) ? [{ queryKey, status: error.status, errors: error.errors }] : [],
    );
  return { queries: dehydrate(queryClient), refused };
}

function isPageState(value: unknown): value is PageState {
  const state = value as Partial<PageState> | null;
  return Array.isArray(state?.queries?.queries) && Array.isArray(state?.refused);
}

/**
 * Fills the browser's cache from the page's state. A refused request is not asked again when the
 * page mounts (`retryOnMount: false`): the page shows the server's answer, as the server did.
 * Returns false when the state is not one the renderer writes.
 */
export function hydratePage(queryClient: QueryClient, state: unknown): boolean {
  if (!isPageState(state)) return false;
  hydrate(queryClient, state.queries);
  const now = Date.now();
  for (const { queryKey, status, errors } of state.refused) {
    // The answer itself stayed on the server: its status is what the page needs of it.
    const error = new InkwellApiError(new Response(null, { status }), { errors });
    queryClient.setQueryDefaults(queryKey, { retryOnMount: false });
    queryClient.getQueryCache().build(queryClient, { queryKey }).setState({
      status: 'error',
      error,
      errorUpdatedAt: now,
      errorUpdateCount: 1,
      fetchFailureCount: 1,
      fetchFailureReason: error,
      fetchStatus: 'idle',
    });
  }
  return true;
}
