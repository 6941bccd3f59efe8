import { unwrap } from '@inkwell/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { commentKeys } from './comment-keys';
import type { Comment } from './comment-requests';

/** `DELETE /articles/{slug}/comments/{id}` */
export async function deleteComment(slug: string, id: number): Promise<void> {
  await unwrap(api.DELETE('/articles/{slug}/comments/{id}', { params: { path: { slug, id } } }));
}

export function useDeleteComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteComment(slug, id),
    onSuccess: (_, id) =>
      queryClient.setQueryData<Comment[]>(commentKeys.list(slug), (comments) => comments?.filter((c) => c.id !== id)),
  });
}
