import { unwrap } from '@inkwell/client';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { notify } from '@/components/ui/toaster';
import { api } from '@/lib/api-client';
import { describeError } from '@/lib/api-errors';

import { articleKeys } from './article-keys';
import type { Article } from './get-article';
import type { ArticleListItem, ArticleListPage } from './list-articles';

/** `POST` or `DELETE /articles/{slug}/favorite` */
export async function setFavorite(slug: string, favorite: boolean): Promise<Article> {
  const init = { params: { path: { slug } } };
  const result = favorite
    ? await api.POST('/articles/{slug}/favorite', init)
    : await api.DELETE('/articles/{slug}/favorite', init);
  return (await unwrap(result)).article;
}

type FavoriteState = Pick<ArticleListItem, 'favorited' | 'favoritesCount'>;

/** Writes one article's favorite state into every cached list and its detail. */
function writeFavorite(queryClient: QueryClient, slug: string, next: (current: FavoriteState) => FavoriteState) {
  queryClient.setQueriesData<ArticleListPage>({ queryKey: articleKeys.lists() }, (page) =>
    page ? { ...page, articles: page.articles.map((a) => (a.slug === slug ? { ...a, ...next(a) } : a)) } : page,
  );
  queryClient.setQueryData<Article>(articleKeys.detail(slug), (article) =>
    article ? { ...article, ...next(article) } : article,
  );
}

/**
 * Favorites at once (optimistic): the heart and the count change on click, and go back if the
 * server refuses.
 */
export function useFavoriteArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, favorite }: { slug: string; favorite: boolean }) => setFavorite(slug, favorite),
    onMutate: async ({ slug, favorite }) => {
      await queryClient.cancelQueries({ queryKey: articleKeys.all });
      const snapshot = queryClient.getQueriesData({ queryKey: articleKeys.all });
      writeFavorite(queryClient, slug, (a) => ({
        favorited: favorite,
        favoritesCount: Math.max(0, a.favoritesCount + (a.favorited === favorite ? 0 : favorite ? 1 : -1)),
      }));
      return { snapshot };
    },
    onError: (error, { favorite }, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      notify(
        `${favorite ? "Couldn't favorite" : "Couldn't remove the favorite from"} that article. ${describeError(error)}`,
      );
    },
    onSuccess: ({ slug, favorited, favoritesCount }) =>
      writeFavorite(queryClient, slug, () => ({ favorited, favoritesCount })),
    // Lists filtered by `favorited` may now be wrong; refetch them when next shown.
    onSettled: () => queryClient.invalidateQueries({ queryKey: articleKeys.lists(), refetchType: 'none' }),
  });
}
