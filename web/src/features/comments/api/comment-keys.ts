export const commentKeys = {
  all: ['comments'] as const,
  list: (slug: string) => [...commentKeys.all, 'list', slug] as const,
};
