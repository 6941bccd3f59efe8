// SQL for comments.
import { type Queryable, query, queryOne, sql } from '../../db/pool.js';

export interface CommentRow {
  id: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  authorUsername: string;
  authorBio: string;
  authorImage: string | null;
  authorFollowing: boolean;
}

// The article a slug (current or former) answers for, if the viewer ($1) may see it: readers see
// published articles whose time has come, authors their own drafts and scheduled articles too.
const SEEN_ARTICLE = `a.id = (select article_id from article_slugs where slug = $2)
    and ((a.status = 'published' and a.published_at <= now()) or a.author_id = $1)`;

// One statement: the article (null when the slug is unknown) and one page of its comments.
const LIST_FOR_ARTICLE = sql(
  'comments.list-for-article',
  `select a.id as "articleId", c.*
     from articles a
     left join lateral (
       select c.id, c.body, c.created_at as "createdAt", c.updated_at as "updatedAt",
              u.username as "authorUsername", u.bio as "authorBio", u.image as "authorImage",
              ($1::bigint is not null and exists (
                select 1 from follows fo where fo.follower_id = $1 and fo.followee_id = c.author_id)) as "authorFollowing",
              c.created_at as sort_created
         from comments c
         join users u on u.id = c.author_id
        where c.article_id = a.id
        order by c.created_at desc, c.id desc
        limit $3 offset $4
     ) c on true
    where ${SEEN_ARTICLE}
    order by c.sort_created desc, c.id desc`,
);
const INSERT = sql(
  'comments.insert',
  `with inserted as (
     insert into comments (article_id, author_id, body)
     select a.id, $1, $3 from articles a where ${SEEN_ARTICLE}
     returning id, author_id, body, created_at, updated_at
   )
   select i.id, i.body, i.created_at as "createdAt", i.updated_at as "updatedAt",
          u.username as "authorUsername", u.bio as "authorBio", u.image as "authorImage",
          false as "authorFollowing"
     from inserted i join users u on u.id = i.author_id`,
);
const FIND_OWNERSHIP = sql(
  'comments.find-ownership',
  `select a.id as "articleId", a.author_id as "articleAuthorId", c.id as "commentId", c.author_id as "authorId"
     from articles a
     left join comments c on c.article_id = a.id and c.id = $3
    where ${SEEN_ARTICLE}`,
);
const DELETE = sql('comments.delete', 'delete from comments where id = $1');

/** The article's comments, newest first; null when the article does not exist. */
export async function listComments(
  db: Queryable,
  slug: string,
  viewerId: number | null,
  page: { limit: number; offset: number },
): Promise<CommentRow[] | null> {
  const rows = await query<CommentRow & { articleId: number; sort_created: string | null }>(db, LIST_FOR_ARTICLE, [
    viewerId,
    slug,
    page.limit,
    page.offset,
  ]);
  if (rows.length === 0) return null;
  return rows.filter((row) => row.id !== null);
}

/** Adds a comment by `authorId`; null when the article does not exist. */
export async function insertComment(
  db: Queryable,
  authorId: number,
  slug: string,
  body: string,
): Promise<CommentRow | null> {
  return queryOne<CommentRow>(db, INSERT, [authorId, slug, body]);
}

export interface CommentOwnership {
  articleId: number;
  articleAuthorId: number;
  commentId: number | null;
  authorId: number | null;
}

/**
 * The comment's author and the article's, if the viewer may see the article (commentId null when
 * the comment does not exist).
 */
export async function findCommentOwnership(
  db: Queryable,
  viewerId: number,
  slug: string,
  commentId: number,
): Promise<CommentOwnership | null> {
  return queryOne<CommentOwnership>(db, FIND_OWNERSHIP, [viewerId, slug, commentId]);
}

export async function deleteComment(db: Queryable, commentId: number): Promise<void> {
  await query(db, DELETE, [commentId]);
}
