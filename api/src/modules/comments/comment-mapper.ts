// Comments as the contract shows them.
import type { components } from '@inkwell/openapi';
import { toProfileDto } from '../users/user-mapper.js';
import type { CommentRow } from './comment-repository.js';

type Comment = components['schemas']['Comment'];

export function toCommentDto(row: CommentRow, defaultAvatarUrl: string): Comment {
  return {
    id: row.id,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    body: row.body,
    author: toProfileDto(
      { username: row.authorUsername, bio: row.authorBio, image: row.authorImage },
      row.authorFollowing,
      defaultAvatarUrl,
    ),
  };
}
