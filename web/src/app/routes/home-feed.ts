import { paths } from '@/config/paths';

/** Which list the home page shows, read from its address (see `paths.home`). */
export type HomeFeed = { kind: 'following'; page: number } | { kind: 'global'; tag: string | undefined; page: number };

/** The following feed is for signed-in readers; everyone else gets everyone's articles. */
export function readHomeFeed(search: string | URLSearchParams, signedIn: boolean): HomeFeed {
  const { feed, tag, page } = paths.home.read(search);
  if (signedIn && feed === 'following') return { kind: 'following', page };
  return { kind: 'global', tag, page };
}
