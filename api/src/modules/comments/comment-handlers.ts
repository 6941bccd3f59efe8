// HTTP bindings for comments.
import { COMMENTS_DEFAULT_LIMIT } from '@inkwell/rules';
import type { OperationHandler } from '../../http/operation.js';
import { requireUser } from '../../tokens.js';
import { toCommentDto } from './comment-mapper.js';
import * as commentService from './comment-service.js';

export const listArticleComments: OperationHandler<'listArticleComments'> = async ({ params, query, user, deps }) => {
  const comments = await commentService.list(deps.db, params.slug, user?.id ?? null, {
    limit: query.limit ?? COMMENTS_DEFAULT_LIMIT,
    offset: query.offset ?? 0,
  });
  const avatar = deps.config.defaultAvatarUrl;
  return { status: 200, body: { comments: comments.map((row) => toCommentDto(row, avatar)) } };
};

export const createArticleComment: OperationHandler<'createArticleComment'> = async ({ params, body, user, deps }) => {
  const comment = await commentService.create(deps.db, requireUser(user).id, params.slug, body.comment.body);
  return { status: 200, body: { comment: toCommentDto(comment, deps.config.defaultAvatarUrl) } };
};

export const deleteArticleComment: OperationHandler<'deleteArticleComment'> = async ({ params, user, deps }) => {
  await commentService.remove(deps.db, requireUser(user).id, params.slug, params.id);
  return { status: 204, body: undefined };
};
