import type { operations } from '@inkwell/openapi';

type ListQuery = NonNullable<operations['listArticles']['parameters']['query']>;

/**
 * What a list shows: the contract's filters and search (or a writer's own drafts or scheduled
 * articles, `status`), and a 1-based page instead of an offset.
 */
export type ArticleListFilters = Pick<ListQuery, 'tag' | 'author' | 'favorited' | 'q' | 'status'> & { page: number };

export const ARTICLES_PER_PAGE = 10;

/** One key shape for every list, so a page can switch between the feed and a filtered list. */
type ArticleListKey = readonly ['articles', 'list', 'global' | 'feed', object];

export const articleKeys = {
  all: ['articles'] as const,
  /** Every list, the personal feed included: a favorite changes them all. */
  lists: () => [...articleKeys.all, 'list'] as const,
  list: (filters: ArticleListFilters): ArticleListKey => [...articleKeys.lists(), 'global', filters],
  feed: (page: number): ArticleListKey => [...articleKeys.lists(), 'feed', { page }],
  details: () => [...articleKeys.all, 'detail'] as const,
  detail: (slug: string) => [...articleKeys.details(), slug] as const,
};
