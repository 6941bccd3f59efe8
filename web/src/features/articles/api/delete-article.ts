import { unwrap } from '@inkwell/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { articleKeys } from './article-keys';

/** `DELETE /articles/{slug}` */
export async function deleteArticle(slug: string): Promise<void> {
  await unwrap(api.DELETE('/articles/{slug}', { params: { path: { slug } } }));
}

export function useDeleteArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteArticle,
    onSuccess: (_, slug) => {
      queryClient.removeQueries({ queryKey: articleKeys.detail(slug) });
      return queryClient.invalidateQueries({ queryKey: articleKeys.lists() });
    },
  });
}
