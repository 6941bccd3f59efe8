/**
 * A fetcher and the key its answer is cached under, in the shape TanStack Query's options take.
 * The request modules (`features/<feature>/api/*-requests.ts`) build these without importing React
 * or TanStack Query, so the entry can start the first screen's requests before the app has loaded.
 */
export interface QueryRequest<Key, Data> {
  queryKey: Key;
  queryFn: (context: { signal?: AbortSignal }) => Promise<Data>;
}
