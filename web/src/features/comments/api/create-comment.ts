import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/lib/api-client';

import { commentKeys } from './comment-keys';
import type { Comment } from './comment-requests';

/** `POST /articles/{slug}/comments` */
export async function createComment(slug: string, body: string): Promise<Comment> {
  return unwrap(
    await api.POST('/articles/{slug}/comments', { params: { path: { slug } }, body: { comment: { body } } }),
  ).comment;
}

export function useCreateComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => createComment(slug, body),
    onSuccess: (comment) =>
      queryClient.setQueryData<Comment[]>(commentKeys.list(slug), (comments) => [comment, ...(comments ?? [])]),
  });
}
