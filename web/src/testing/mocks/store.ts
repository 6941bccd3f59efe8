// The in-memory store behind the mock handlers: the tables of records (records.ts) and the
// queries and changes the handlers need, following the API's rules (@inkwell/rules) for slugs,
// tag lists and the tag ranking, and its visibility: drafts and articles scheduled for later are
// seen by their author alone, decided against the clock at every read, like the API. `reset()` loads the seed it was built with; `clear()` empties it
// for tests that arrange their own rows.
import {
  POPULAR_TAGS_MAX_ITEMS,
  compareCodePoints,
  isSlugOf,
  normaliseTags,
  slugify,
  withSuffix,
} from '@inkwell/rules';

import type {
  ArticleFields,
  ArticleFilter,
  ArticleRecord,
  AssetRecord,
  CommentRecord,
  MockDbSnapshot,
  NewArticleRecord,
  NewCommentRecord,
  NewUserRecord,
  Page,
  UserRecord,
} from './records';
import { MOCK_PASSWORD } from './records';
import { parseSearch, scoreArticle } from './search';

const now = (): string => new Date().toISOString();
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const byNewest = (a: { createdAt: string; id: number }, b: { createdAt: string; id: number }): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
/** Lists order by publishing time; drafts (no time) last. */
const byPublished = (a: ArticleRecord, b: ArticleRecord): number =>
  (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id;
const CENTRE = 0.5;

/** Whether readers see the article: published, and its time has come. */
function isVisible(article: ArticleRecord, at = Date.now()): boolean {
  return article.status === 'published' && article.publishedAt !== null && Date.parse(article.publishedAt) <= at;
}

/** A published article always has a time: the one given, else the one it had, else now. */
function publishingTime(
  status: ArticleRecord['status'],
  given: string | null | undefined,
  fallback: string,
): string | null {
  return given ?? (status === 'published' ? fallback : null);
}

function randomToken(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export class MockDatabase {
  private users = new Map<number, UserRecord>();
  private articles = new Map<number, ArticleRecord>();
  private comments = new Map<number, CommentRecord>();
  /** follower id → ids of the users they follow */
  private follows = new Map<number, Set<number>>();
  /** article id → ids of the users who favorited it */
  private favorites = new Map<number, Set<number>>();
  private assets = new Map<string, AssetRecord>();
  private nextId = { user: 1, article: 1, comment: 1 };
  private listeners = new Set<() => void>();

  /** `seed` fills an empty store; `reset()` runs it. Without one, a reset leaves the store empty. */
  constructor(private readonly seed: (db: MockDatabase) => void = () => {}) {}

  /** Empties every table. */
  clear(): void {
    this.users.clear();
    this.articles.clear();
    this.comments.clear();
    this.follows.clear();
    this.favorites.clear();
    this.assets.clear();
    this.nextId = { user: 1, article: 1, comment: 1 };
    this.changed();
  }

  /** Empties every table and loads the seed again. */
  reset(): void {
    this.clear();
    this.seed(this);
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(options: { maxAssetBytes?: number } = {}): MockDbSnapshot {
    let budget = options.maxAssetBytes ?? Number.POSITIVE_INFINITY;
    const assets: MockDbSnapshot['assets'] = [];
    for (const record of this.assets.values()) {
      if (record.data.byteLength > budget) continue; // too big to keep; its URLs answer 404 after a reload
      budget -= record.data.byteLength;
      assets.push({ ...record, data: toBase64(record.data) });
    }
    return {
      version: 2,
      users: [...this.users.values()],
      articles: [...this.articles.values()],
      comments: [...this.comments.values()],
      follows: [...this.follows].map(([id, ids]) => [id, [...ids]]),
      favorites: [...this.favorites].map(([id, ids]) => [id, [...ids]]),
      assets,
      nextId: { ...this.nextId },
    };
  }

  /** Replaces the whole store with a snapshot. */
  restore(snapshot: MockDbSnapshot): void {
    this.users = new Map(snapshot.users.map((u) => [u.id, { ...u }]));
    this.articles = new Map(
      snapshot.articles.map((a) => [a.id, { ...a, tagList: [...a.tagList], formerSlugs: [...a.formerSlugs] }]),
    );
    this.comments = new Map(snapshot.comments.map((c) => [c.id, { ...c }]));
    this.follows = new Map(snapshot.follows.map(([id, ids]) => [id, new Set(ids)]));
    this.favorites = new Map(snapshot.favorites.map(([id, ids]) => [id, new Set(ids)]));
    this.assets = new Map(snapshot.assets.map((a) => [a.asset.id, { ...a, data: fromBase64(a.data) }]));
    this.nextId = { ...snapshot.nextId };
    this.changed();
  }

  // --- users and follows ----------------------------------------------------------------------

  insertUser(input: NewUserRecord): UserRecord {
    const id = this.nextId.user++;
    const user: UserRecord = {
      id,
      username: input.username,
      email: input.email,
      password: input.password ?? MOCK_PASSWORD,
      bio: input.bio ?? '',
      image: input.image ?? null,
      token: input.token ?? `mock-token-${id}-${randomToken(12)}`,
    };
    this.users.set(id, user);
    this.changed();
    return user;
  }

  updateUser(id: number, patch: Partial<Omit<UserRecord, 'id' | 'token'>>): UserRecord {
    const user = Object.assign(this.requireUser(id), definedOnly(patch));
    this.changed();
    return user;
  }

  /** Gives the user a new token; the old one is refused from now on (the mock's sign-out). */
  renewToken(id: number): UserRecord {
    const user = this.requireUser(id);
    user.token = `mock-token-${id}-${randomToken(12)}`;
    this.changed();
    return user;
  }

  userById(id: number): UserRecord | null {
    return this.users.get(id) ?? null;
  }

  /** Matched regardless of case, like the API. */
  userByUsername(username: string): UserRecord | null {
    return this.findUser((u) => same(u.username, username));
  }

  /** Matched regardless of case, like the API. */
  userByEmail(email: string): UserRecord | null {
    return this.findUser((u) => same(u.email, email));
  }

  userByToken(token: string): UserRecord | null {
    return this.findUser((u) => u.token === token);
  }

  allUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  follow(followerId: number, followeeId: number): void {
    const followed = this.follows.get(followerId) ?? new Set<number>();
    followed.add(followeeId);
    this.follows.set(followerId, followed);
    this.changed();
  }

  unfollow(followerId: number, followeeId: number): void {
    this.follows.get(followerId)?.delete(followeeId);
    this.changed();
  }

  isFollowing(followerId: number, followeeId: number): boolean {
    return this.follows.get(followerId)?.has(followeeId) ?? false;
  }

  // --- articles and favorites -----------------------------------------------------------------

  insertArticle(input: NewArticleRecord): ArticleRecord {
    this.requireUser(input.authorId);
    const createdAt = input.createdAt ?? now();
    const status = input.status ?? 'published';
    const article: ArticleRecord = {
      id: this.nextId.article++,
      authorId: input.authorId,
      slug: input.slug ?? this.uniqueSlug(slugify(input.title)),
      formerSlugs: [],
      title: input.title,
      description: input.description,
      body: input.body,
      tagList: normaliseTags(input.tagList ?? []),
      coverImage: input.coverImage ?? null,
      coverImageAlt: input.coverImageAlt ?? '',
      coverImageFocalPoint: {
        x: input.coverImageFocalPoint?.x ?? CENTRE,
        y: input.coverImageFocalPoint?.y ?? CENTRE,
      },
      status,
      publishedAt: publishingTime(status, input.publishedAt, createdAt),
      createdAt,
      updatedAt: input.updatedAt ?? createdAt,
    };
    this.articles.set(article.id, article);
    this.changed();
    return article;
  }

  /**
   * Applies the changed fields; a title whose slug the current one is not of gets a new unique
   * slug, and the old one joins the former slugs. Publishing sets publishedAt when none is given
   * or kept; a focal point replaces the old one whole.
   */
  updateArticle(
    id: number,
    patch: Partial<Omit<ArticleFields, 'slug' | 'createdAt' | 'updatedAt' | 'coverImageFocalPoint' | 'publishedAt'>> & {
      coverImageFocalPoint?: { x?: number; y?: number } | undefined;
      /** undefined keeps it; null clears it (published: now). */
      publishedAt?: string | null | undefined;
    },
  ): ArticleRecord {
    const article = this.requireArticle(id);
    const base = patch.title === undefined ? null : slugify(patch.title);
    if (base !== null && !isSlugOf(article.slug, base)) {
      const slug = this.uniqueSlug(base, id);
      article.formerSlugs = [...article.formerSlugs.filter((s) => s !== slug), article.slug];
      article.slug = slug;
    }
    const { coverImageFocalPoint: focus, publishedAt, ...rest } = patch;
    Object.assign(article, definedOnly(rest));
    if (patch.tagList) article.tagList = normaliseTags(patch.tagList);
    if (focus) article.coverImageFocalPoint = { x: focus.x ?? CENTRE, y: focus.y ?? CENTRE };
    const at = now();
    article.publishedAt = publishingTime(
      article.status,
      publishedAt === undefined ? article.publishedAt : publishedAt,
      at,
    );
    article.updatedAt = at;
    this.changed();
    return article;
  }

  /** Deletes the article with its comments and favorites. */
  deleteArticle(id: number): void {
    this.articles.delete(id);
    this.favorites.delete(id);
    for (const comment of this.comments.values()) {
      if (comment.articleId === id) this.comments.delete(comment.id);
    }
    this.changed();
  }

  /** The article a slug answers for, current or former, whoever may see it. */
  articleBySlug(slug: string): ArticleRecord | null {
    for (const article of this.articles.values()) if (article.slug === slug) return article;
    for (const article of this.articles.values()) if (article.formerSlugs.includes(slug)) return article;
    return null;
  }

  /** The article a slug answers for, if the viewer may see it (readers: visible; authors: their own too). */
  articleSeenBy(slug: string, viewerId: number | null): ArticleRecord | null {
    const article = this.articleBySlug(slug);
    if (!article || (!isVisible(article) && article.authorId !== viewerId)) return null;
    return article;
  }

  /** Every article, drafts and scheduled ones included, in publishing order. */
  allArticles(): ArticleRecord[] {
    return [...this.articles.values()].sort(byPublished);
  }

  /**
   * One page of matching articles, newest publishing time first (best match first with `q`), and
   * the total; readers see only visible ones. An author's own drafts come last edited first, their
   * scheduled articles soonest first.
   */
  listArticles(filter: ArticleFilter, page: Page): { articles: ArticleRecord[]; articlesCount: number } {
    const own = filter.unpublishedOf;
    if (own) {
      const at = Date.now();
      const mine = [...this.articles.values()].filter(
        (a) =>
          a.authorId === own.authorId &&
          (!filter.tag || a.tagList.includes(filter.tag)) &&
          (own.status === 'draft' ? a.status === 'draft' : a.status === 'published' && !isVisible(a, at)),
      );
      mine.sort(
        own.status === 'draft'
          ? (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id
          : (a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id - b.id,
      );
      return { articles: mine.slice(page.offset, page.offset + page.limit), articlesCount: mine.length };
    }
    const at = Date.now();
    const author = filter.author ? this.userByUsername(filter.author) : null;
    const favoriter = filter.favorited ? this.userByUsername(filter.favorited) : null;
    if ((filter.author && !author) || (filter.favorited && !favoriter)) return { articles: [], articlesCount: 0 };
    const followed = filter.feedOf === undefined ? null : (this.follows.get(filter.feedOf) ?? new Set<number>());
    const search = filter.q ? parseSearch(filter.q) : null;

    const matches: { article: ArticleRecord; score: number }[] = [];
    for (const article of this.articles.values()) {
      if (!isVisible(article, at)) continue;
      if (author && article.authorId !== author.id) continue;
      if (favoriter && !this.isFavorited(favoriter.id, article.id)) continue;
      if (filter.tag && !article.tagList.includes(filter.tag)) continue;
      if (followed && !followed.has(article.authorId)) continue;
      const score = search ? scoreArticle(search, article) : 0;
      if (search && score <= 0) continue;
      matches.push({ article, score });
    }
    matches.sort((a, b) => b.score - a.score || byPublished(a.article, b.article));
    return {
      articles: matches.slice(page.offset, page.offset + page.limit).map((m) => m.article),
      articlesCount: matches.length,
    };
  }

  favorite(userId: number, articleId: number): void {
    const fans = this.favorites.get(articleId) ?? new Set<number>();
    fans.add(userId);
    this.favorites.set(articleId, fans);
    this.changed();
  }

  unfavorite(userId: number, articleId: number): void {
    this.favorites.get(articleId)?.delete(userId);
    this.changed();
  }

  isFavorited(userId: number, articleId: number): boolean {
    return this.favorites.get(articleId)?.has(userId) ?? false;
  }

  favoritesCount(articleId: number): number {
    return this.favorites.get(articleId)?.size ?? 0;
  }

  /** Tags by how many visible articles use them, most used first (ties as the API orders them), at most `limit`. */
  popularTags(limit = POPULAR_TAGS_MAX_ITEMS): string[] {
    const counts = new Map<string, number>();
    const at = Date.now();
    for (const article of this.articles.values()) {
      if (!isVisible(article, at)) continue;
      for (const tag of article.tagList) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return [...counts]
      .sort(([a, m], [b, n]) => n - m || compareCodePoints(a, b))
      .slice(0, limit)
      .map(([tag]) => tag);
  }

  // --- comments -------------------------------------------------------------------------------

  insertComment(input: NewCommentRecord): CommentRecord {
    this.requireArticle(input.articleId);
    this.requireUser(input.authorId);
    const createdAt = input.createdAt ?? now();
    const comment: CommentRecord = { id: this.nextId.comment++, ...input, createdAt, updatedAt: createdAt };
    this.comments.set(comment.id, comment);
    this.changed();
    return comment;
  }

  commentById(id: number): CommentRecord | null {
    return this.comments.get(id) ?? null;
  }

  deleteComment(id: number): void {
    this.comments.delete(id);
    this.changed();
  }

  /** One page of an article's comments, newest first. */
  listComments(articleId: number, page: Page): CommentRecord[] {
    return [...this.comments.values()]
      .filter((c) => c.articleId === articleId)
      .sort(byNewest)
      .slice(page.offset, page.offset + page.limit);
  }

  // --- assets ---------------------------------------------------------------------------------

  insertAsset(record: AssetRecord): AssetRecord {
    this.assets.set(record.asset.id, record);
    this.changed();
    return record;
  }

  assetById(id: string): AssetRecord | null {
    return this.assets.get(id) ?? null;
  }

  /** The upload whose full-size URL this is (a `#fragment` or query after it ignored), if any. */
  assetByUrl(url: string): AssetRecord | null {
    const plain = url.replace(/[?#].*$/s, '');
    for (const record of this.assets.values()) if (record.asset.url === plain) return record;
    return null;
  }

  // --- helpers --------------------------------------------------------------------------------

  /** The user with this id; throws when there is none (a test arranged its rows wrongly). */
  requireUser(id: number): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new Error(`mockDb: no user with id ${id}`);
    return user;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private findUser(predicate: (user: UserRecord) => boolean): UserRecord | null {
    for (const user of this.users.values()) if (predicate(user)) return user;
    return null;
  }

  private requireArticle(id: number): ArticleRecord {
    const article = this.articles.get(id);
    if (!article) throw new Error(`mockDb: no article with id ${id}`);
    return article;
  }

  /**
   * `base` when no other article answers to it (as its current or a former slug), else `base`
   * with a random suffix, as the API does.
   */
  private uniqueSlug(base: string, exceptId?: number): string {
    const taken = (slug: string): boolean => {
      const other = this.articleBySlug(slug);
      return other !== null && other.id !== exceptId;
    };
    let slug = base;
    while (taken(slug)) slug = withSuffix(base);
    return slug;
  }
}

/** Drops keys whose value is undefined, so a patch never erases a field it does not mention. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
