import { unwrap } from '@inkwell/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { commentKeys } from './comment-keys';
import type { Comment } from './comment-requests';

/** `POST /articles/{slug}/comments` */
export async function createComment(slug: string, body: string): Promise<Comment> {
  const created = await unwrap(
    api.POST('/articles/{slug}/comments', { params: { path: { slug } }, body: { comment: { body } } }),
  );
  return created.comment;
}

export function useCreateComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => createComment(slug, body),
    onSuccess: (comment) =>
      queryClient.setQueryData<Comment[]>(commentKeys.list(slug), (comments) => [comment, ...(comments ?? [])]),
  });
}
