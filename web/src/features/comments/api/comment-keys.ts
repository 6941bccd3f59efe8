export const commentKeys = {
  all: ['comments'] as const,
  list: (slug: string) => [...commentKeys.all, 'list', slug] as const,
  /** The mutations that send new comments to an article: their state is what the page shows of them. */
  sends: (slug: string) => [...commentKeys.all, 'send', slug] as const,
};
