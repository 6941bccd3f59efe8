// Comments on articles.
import type pg from 'pg';
import { brokenForeignKey } from '../../db/errors.js';
import { forbidden, notFound, unauthorized } from '../../errors.js';
import {
  type CommentRow,
  deleteComment,
  findCommentOwnership,
  insertComment,
  listComments,
} from './comment-repository.js';

export async function list(
  db: pg.Pool,
  slug: string,
  viewerId: number | null,
  page: { limit: number; offset: number },
): Promise<CommentRow[]> {
  const comments = await listComments(db, slug, viewerId, page);
  if (comments === null) throw notFound('article');
  return comments;
}

export async function create(db: pg.Pool, authorId: number, slug: string, body: string): Promise<CommentRow> {
  let comment: CommentRow | null;
  try {
    comment = await insertComment(db, authorId, slug, body);
  } catch (error) {
    // Deleted meanwhile: the article, or the author (and with it the session).
    const key = brokenForeignKey(error);
    if (key === 'comments_article_id_fkey') throw notFound('article');
    if (key === 'comments_author_id_fkey') throw unauthorized();
    throw error;
  }
  if (!comment) throw notFound('article');
  return comment;
}

/** Deletes a comment; its author may, and so may the article's author, who moderates its discussion. */
export async function remove(db: pg.Pool, userId: number, slug: string, commentId: number): Promise<void> {
  const owned = await findCommentOwnership(db, userId, slug, commentId);
  if (!owned) throw notFound('article');
  if (owned.commentId === null) throw notFound('comment');
  if (owned.authorId !== userId && owned.articleAuthorId !== userId) {
    throw forbidden('comment', "can only be deleted by its author or the article's author");
  }
  await deleteComment(db, commentId);
}
