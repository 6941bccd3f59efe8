import { SEARCH_QUERY_MAX_LENGTH } from '@inkwell/rules';

import { paths } from '@/config/paths';

/** Which list the home page shows, read from its address (see `paths.home`). */
export type HomeFeed = { kind: 'following'; page: number } | { kind: 'global'; tag: string | undefined; page: number };

/** The following feed is for signed-in readers; everyone else gets everyone's articles. */
export function readHomeFeed(search: string | URLSearchParams, signedIn: boolean): HomeFeed {
  const { feed, tag, page } = paths.home.read(search);
  if (signedIn && feed === 'following') return { kind: 'following', page };
  return { kind: 'global', tag, page };
}

/** What the search page looks for (see `paths.search`): the words, at most as many as the API takes. */
export function readSearch(search: string | URLSearchParams): { q: string; page: number } {
  const { q, page } = paths.search.read(search);
  return { q: q?.slice(0, SEARCH_QUERY_MAX_LENGTH) ?? '', page };
}
