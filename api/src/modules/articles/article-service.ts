// Articles and favorites: publishing, editing, deleting, listing. No HTTP here.
import { isSlugOf, normaliseTags, slugify, withSuffix } from '@inkwell/rules';
import type pg from 'pg';
import { brokenForeignKey, pgCode, pgConstraint } from '../../db/errors.js';
import { withSavepoint, withTransaction } from '../../db/tx.js';
import { AppError, forbidden, notFound, unauthorized, unprocessable } from '../../errors.js';
import { QueueFullError, type WorkQueue } from '../../work-queue.js';
import { type PublicUrl, imageKeysOf, toArticleImages } from './article-images.js';
import {
  type ArticleFilter,
  type ArticlePage,
  type ArticleRow,
  type ArticleStatus,
  type Ownership,
  type PageRequest,
  deleteArticle,
  deleteFavorite,
  findArticleById,
  findArticleBySlug,
  findImages,
  findOwnership,
  findUserId,
  insertArticle,
  insertFavorite,
  listArticles,
  searchHasTerms,
  prepareSearchTransaction,
  updateArticle,
} from './article-repository.js';

const SLUG_ATTEMPTS = 5;

/** Where a cover's crop centres; an omitted coordinate is the centre's. */
export interface FocalPointInput {
  x?: number | undefined;
  y?: number | undefined;
}

export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList?: string[] | undefined;
  coverImage?: string | null | undefined;
  coverImageAlt?: string | undefined;
  coverImageFocalPoint?: FocalPointInput | undefined;
  status?: ArticleStatus | undefined;
  publishedAt?: string | null | undefined;
}

export interface ArticlePatch {
  title?: string | undefined;
  description?: string | undefined;
  body?: string | undefined;
  tagList?: string[] | undefined;
  coverImage?: string | null | undefined;
  coverImageAlt?: string | undefined;
  coverImageFocalPoint?: FocalPointInput | undefined;
  status?: ArticleStatus | undefined;
  publishedAt?: string | null | undefined;
}

type ArticleImages = ReturnType<typeof toArticleImages>;

const CENTRE = 0.5;

/**
 * The uploaded images each article shows (its cover, and its body when the row has one), in one
 * query for all of them.
 */
export async function imagesOf(
  db: pg.Pool,
  rows: { coverImage: string | null; body?: string | undefined }[],
  publicUrl: PublicUrl,
): Promise<ArticleImages[]> {
  const keysOf = rows.map((row) => imageKeysOf(row, publicUrl));
  const records = await findImages(db, [...new Set(keysOf.flat())]);
  const byKey = new Map(records.map((record) => [record.key, record]));
  return keysOf.map((keys) => toArticleImages(keys, byKey, publicUrl));
}

export async function getArticle(db: pg.Pool, slug: string, viewerId: number | null): Promise<ArticleRow> {
  const article = await findArticleBySlug(db, slug, viewerId);
  if (!article) throw notFound('article');
  return article;
}

/**
 * Publishes an article (or saves a draft, or schedules it). The slug comes from the title; when
 * it is taken, a short random suffix makes it unique (insert … on conflict do nothing, so a
 * collision with a current slug costs no rollback; one with a former slug, refused by the
 * article_slugs trigger, costs a savepoint's).
 */
export async function createArticle(db: pg.Pool, authorId: number, draft: ArticleDraft): Promise<ArticleRow> {
  const base = slugify(draft.title);
  const tagList = normaliseTags(draft.tagList ?? []);
  // A transaction although it is one statement: its triggers write tags, and withTransaction
  // retries the rare deadlock between writers sharing new tags.
  const id = await withTransaction(db, async (tx) => {
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt += 1) {
      const article = {
        slug: attempt === 0 ? base : withSuffix(base),
        title: draft.title,
        description: draft.description,
        body: draft.body,
        tagList,
        coverImage: draft.coverImage ?? null,
        coverImageAlt: draft.coverImageAlt ?? '',
        coverFocalX: draft.coverImageFocalPoint?.x ?? CENTRE,
        coverFocalY: draft.coverImageFocalPoint?.y ?? CENTRE,
        status: draft.status ?? 'published',
        publishedAt: draft.publishedAt ?? null,
        authorId,
      };
      try {
        const inserted = await withSavepoint(tx, () => insertArticleAs(tx, article));
        if (inserted !== null) return inserted;
      } catch (error) {
        if (!slugTaken(error)) throw error;
      }
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

/** A unique violation over a slug: current (articles) or former (article_slugs). */
function slugTaken(error: unknown): boolean {
  const constraint = pgConstraint(error);
  return pgCode(error) === '23505' && (constraint === 'articles_slug_key' || constraint === 'article_slugs_pkey');
}

/**
 * Who may change an article: its author. Others get 403, or 404 for an article they may not
 * see (a draft or one scheduled for later), whose existence is not theirs to learn.
 */
function assertAuthor(owned: Ownership | null, userId: number): asserts owned is Ownership {
  if (!owned || (owned.authorId !== userId && !owned.visible)) throw notFound('article');
  if (owned.authorId !== userId) throw forbidden('article');
}

/**
 * Changes an article; only its author may. A new title brings a new slug; the old one keeps
 * answering for the article. A focal point replaces the old one whole.
 */
export async function editArticle(db: pg.Pool, userId: number, slug: string, patch: ArticlePatch): Promise<ArticleRow> {
  const id = await withTransaction(db, async (tx) => {
    const owned = await findOwnership(tx, slug, true);
    assertAuthor(owned, userId);
    const focus = patch.coverImageFocalPoint;
    const changes = {
      title: patch.title,
      description: patch.description,
      body: patch.body,
      tagList: patch.tagList === undefined ? undefined : normaliseTags(patch.tagList),
      coverImage: patch.coverImage,
      coverImageAlt: patch.coverImageAlt,
      coverFocalX: focus === undefined ? undefined : (focus.x ?? CENTRE),
      coverFocalY: focus === undefined ? undefined : (focus.y ?? CENTRE),
      status: patch.status,
      publishedAt: patch.publishedAt,
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
        if (!slugTaken(error)) throw error;
      }
    }
    throw new Error(`no free slug for "${base}" after ${SLUG_ATTEMPTS} attempts`);
  });
  return (await findArticleById(db, id, userId))!;
}

/** Deletes an article with its comments and favorites; only its author may. */
export async function removeArticle(db: pg.Pool, userId: number, slug: string): Promise<void> {
  const owned = await findOwnership(db, slug);
  assertAuthor(owned, userId);
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

/** A list as asked for: what readers see (`published`), or the author's own drafts or scheduled articles. */
export type ListRequest = Omit<ArticleFilter, 'unpublishedOf'> & {
  status?: 'published' | 'draft' | 'scheduled' | undefined;
};

/**
 * The filter for a list. Drafts and scheduled articles are listed for their author alone:
 * signed in (401), named in `author` (403 for anyone else, 422 without), and with no filter
 * but a tag (422).
 */
async function toFilter(db: pg.Pool, request: ListRequest, viewerId: number | null): Promise<ArticleFilter> {
  const { status, ...filter } = request;
  if (status === undefined || status === 'published') return filter;
  if (viewerId === null) throw unauthorized();
  if (filter.author === undefined)
    throw unprocessable({ author: ['must name you to list drafts or scheduled articles'] });
  if (filter.favorited !== undefined || filter.q !== undefined) {
    throw unprocessable({ status: ['cannot be combined with favorited or q'] });
  }
  if ((await findUserId(db, filter.author)) !== viewerId) {
    throw forbidden('status', 'drafts and scheduled articles are listed for their author only');
  }
  return { tag: filter.tag, unpublishedOf: { authorId: viewerId, status } };
}

/**
 * A page of articles. A search must name a word the index can look up; it then waits for a slot
 * of its own queue (so searches never hold more than their share of the pool), runs under its
 * own statement timeout, and ranks only `searchCandidates` matches, the newest first.
 */
export async function list(
  deps: ListDeps,
  request: ListRequest,
  viewerId: number | null,
  page: PageRequest,
): Promise<ArticlePage> {
  const filter = await toFilter(deps.db, request, viewerId);
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
