// Articles and favorites: publishing, editing, deleting, listing. No HTTP here.
import { isSlugOf, normaliseTags, slugify, withSuffix } from '@inkwell/rules';
import type pg from 'pg';
import { brokenForeignKey, pgCode, pgConstraint } from '../../db/errors.js';
import { withSavepoint, withTransaction } from '../../db/tx.js';
import { AppError, forbidden, notFound, unauthorized, unprocessable } from '../../errors.js';
import { QueueFullError, type WorkQueue } from '../../work-queue.js';
import {
  type ArticleFilter,
  type ArticlePage,
  type ArticleRow,
  type PageRequest,
  deleteArticle,
  deleteFavorite,
  findArticleById,
  findArticleBySlug,
  findOwnership,
  insertArticle,
  insertFavorite,
  listArticles,
  searchHasTerms,
  prepareSearchTransaction,
  updateArticle,
} from './article-repository.js';

const SLUG_ATTEMPTS = 5;

export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList?: string[] | undefined;
  coverImage?: string | null | undefined;
}

export interface ArticlePatch {
  title?: string | undefined;
  description?: string | undefined;
  body?: string | undefined;
  tagList?: string[] | undefined;
  coverImage?: string | null | undefined;
}

export async function getArticle(db: pg.Pool, slug: string, viewerId: number | null): Promise<ArticleRow> {
  const article = await findArticleBySlug(db, slug, viewerId);
  if (!article) throw notFound('article');
  return article;
}

/**
 * Publishes an article. The slug comes from the title; when it is taken, a short random suffix
 * makes it unique (insert … on conflict do nothing, so a collision costs no rollback).
 */
export async function createArticle(db: pg.Pool, authorId: number, draft: ArticleDraft): Promise<ArticleRow> {
  const base = slugify(draft.title);
  const tagList = normaliseTags(draft.tagList ?? []);
  // A transaction although it is one statement: its triggers write tags, and withTransaction
  // retries the rare deadlock between writers sharing new tags.
  const id = await withTransaction(db, async (tx) => {
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt += 1) {
      const inserted = await insertArticleAs(tx, {
        slug: attempt === 0 ? base : withSuffix(base),
        title: draft.title,
        description: draft.description,
        body: draft.body,
        tagList,
        coverImage: draft.coverImage ?? null,
        authorId,
      });
      if (inserted !== null) return inserted;
    }
    throw new Error(`no free slug for "${base}" after ${SLUG_ATTEMPTS} attempts`);
  });
  return (await findArticleById(db, id, authorId))!;
}

/** Inserts the article; an author deleted meanwhile (with the session) is a 401. */
async function insertArticleAs(
  tx: pg.PoolClient,
  article: Parameters<typeof insertArticle>[1],
): Promise<number | null> {
  try {
    return await insertArticle(tx, article);
  } catch (error) {
    if (brokenForeignKey(error) === 'articles_author_id_fkey') throw unauthorized();
    throw error;
  }
}

/** Changes an article; only its author may. A new title brings a new slug. */
export async function editArticle(db: pg.Pool, userId: number, slug: string, patch: ArticlePatch): Promise<ArticleRow> {
  const id = await withTransaction(db, async (tx) => {
    const owned = await findOwnership(tx, slug, true);
    if (!owned) throw notFound('article');
    if (owned.authorId !== userId) throw forbidden('article');
    const changes = {
      title: patch.title,
      description: patch.description,
      body: patch.body,
      tagList: patch.tagList === undefined ? undefined : normaliseTags(patch.tagList),
      coverImage: patch.coverImage,
    };
    const base = patch.title === undefined ? null : slugify(patch.title);
    if (base === null || isSlugOf(owned.slug, base)) {
      await updateArticle(tx, owned.id, changes);
      return owned.id;
    }
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt += 1) {
      const newSlug = attempt === 0 ? base : withSuffix(base);
      try {
        await withSavepoint(tx, () => updateArticle(tx, owned.id, { ...changes, slug: newSlug }));
        return owned.id;
      } catch (error) {
        if (pgCode(error) !== '23505' || pgConstraint(error) !== 'articles_slug_key') throw error;
      }
    }
    throw new Error(`no free slug for "${base}" after ${SLUG_ATTEMPTS} attempts`);
  });
  return (await findArticleById(db, id, userId))!;
}

/** Deletes an article with its comments and favorites; only its author may. */
export async function removeArticle(db: pg.Pool, userId: number, slug: string): Promise<void> {
  const owned = await findOwnership(db, slug);
  if (!owned) throw notFound('article');
  if (owned.authorId !== userId) throw forbidden('article');
  await deleteArticle(db, owned.id);
}

/** Marks the article as the user's favorite (idempotent) and returns it. */
export async function favorite(db: pg.Pool, userId: number, slug: string): Promise<ArticleRow> {
  try {
    await insertFavorite(db, userId, slug);
  } catch (error) {
    // Deleted meanwhile: the article (by its author), or the user (and with it the session).
    const key = brokenForeignKey(error);
    if (key === 'favorites_article_id_fkey') throw notFound('article');
    if (key === 'favorites_user_id_fkey') throw unauthorized();
    throw error;
  }
  return getArticle(db, slug, userId);
}

/** Removes the article from the user's favorites (idempotent) and returns it. */
export async function unfavorite(db: pg.Pool, userId: number, slug: string): Promise<ArticleRow> {
  await deleteFavorite(db, userId, slug);
  return getArticle(db, slug, userId);
}

/** What listing needs: the pool, and for searches their own queue and time limit. */
export interface ListDeps {
  db: pg.Pool;
  /** Bounds how many searches of this process hold a connection at once. */
  searches: WorkQueue;
  searchTimeoutMs: number;
  /** How many matches a search ranks and counts, the newest first. */
  searchCandidates: number;
}

/**
 * A page of articles. A search must name a word the index can look up; it then waits for a slot
 * of its own queue (so searches never hold more than their share of the pool), runs under its
 * own statement timeout, and ranks only `searchCandidates` matches, the newest first.
 */
export async function list(
  deps: ListDeps,
  filter: ArticleFilter,
  viewerId: number | null,
  page: PageRequest,
): Promise<ArticlePage> {
  const { q } = filter;
  if (q === undefined) return listArticles(deps.db, filter, viewerId, page);
  if (!(await searchHasTerms(deps.db, q))) {
    throw unprocessable({ q: ['must contain a word to look for, not only excluded or very common words'] });
  }
  try {
    return await deps.searches.run(() =>
      withTransaction(deps.db, async (tx) => {
        await prepareSearchTransaction(tx, deps.searchTimeoutMs);
        return listArticles(tx, { ...filter, searchCandidates: deps.searchCandidates }, viewerId, page);
      }),
    );
  } catch (error) {
    if (error instanceof QueueFullError) {
      throw new AppError(503, { q: ['cannot be searched right now, retry later'] }, { cause: error, headers: RETRY });
    }
    // query_canceled: the statement timeout stopped it.
    if (pgCode(error) === '57014') {
      throw new AppError(
        503,
        { q: ['took too long to search; add words to narrow it, or retry later'] },
        {
          cause: error,
          headers: RETRY,
        },
      );
    }
    throw error;
  }
}

const RETRY = { 'Retry-After': '1' };
