import { unwrap } from '@inkwell/client';
import type { components } from '@inkwell/openapi';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { articleKeys } from './article-keys';
import type { Article } from './get-article';

export type NewArticle = components['schemas']['NewArticle'];
export type ArticleChanges = components['schemas']['UpdateArticle'];

/** `POST /articles` */
export async function createArticle(article: NewArticle): Promise<Article> {
  const created = await unwrap(api.POST('/articles', { body: { article } }));
  return created.article;
}

/** `PUT /articles/{slug}`; the answer may carry a new slug when the title changed. */
export async function updateArticle(slug: string, changes: ArticleChanges): Promise<Article> {
  const saved = await unwrap(api.PUT('/articles/{slug}', { params: { path: { slug } }, body: { article: changes } }));
  return saved.article;
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
