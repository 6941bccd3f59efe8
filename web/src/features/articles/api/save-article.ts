import type { components } from '@inkwell/openapi';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

import { articleKeys } from './article-keys';
import type { Article } from './get-article';

export type NewArticle = components['schemas']['NewArticle'];
export type ArticleChanges = components['schemas']['UpdateArticle'];

/** `POST /articles` */
export async function createArticle(article: NewArticle): Promise<Article> {
  return unwrap(await api.POST('/articles', { body: { article } })).article;
}

/** `PUT /articles/{slug}`; the answer may carry a new slug when the title changed. */
export async function updateArticle(slug: string, changes: ArticleChanges): Promise<Article> {
  return unwrap(await api.PUT('/articles/{slug}', { params: { path: { slug } }, body: { article: changes } })).article;
}

type SaveInput = { slug: null; article: NewArticle } | { slug: string; article: ArticleChanges };

/** Publishes a new article or saves an edited one, then refreshes the lists it appears in. */
export function useSaveArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveInput) =>
      input.slug === null ? createArticle(input.article) : updateArticle(input.slug, input.article),
    onSuccess: (article, input) => {
      if (input.slug && input.slug !== article.slug)
        queryClient.removeQueries({ queryKey: articleKeys.detail(input.slug) });
      queryClient.setQueryData(articleKeys.detail(article.slug), article);
      return queryClient.invalidateQueries({ queryKey: articleKeys.lists() });
    },
  });
}
