/** Which list the home page shows, read from its address: `/`, `/?feed=following`, `/?tag=x`, `&page=n`. */
export type HomeFeed = { kind: 'following'; page: number } | { kind: 'global'; tag: string | undefined; page: number };

export function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? Math.min(page, 10_000) : 1;
}

export function readHomeFeed(params: URLSearchParams, signedIn: boolean): HomeFeed {
  const page = readPage(params);
  if (signedIn && params.get('feed') === 'following') return { kind: 'following', page };
  return { kind: 'global', tag: params.get('tag')?.trim() || undefined, page };
}

/** The words searched for, from `/search?q=…`: at most the search box's 200 characters. */
export function readSearchQuery(params: URLSearchParams): string {
  return params.get('q')?.trim().slice(0, 200) ?? '';
}
