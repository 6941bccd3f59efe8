// The in-memory store behind the mock handlers: plain records typed from the contract's
// schemas, the few queries the handlers need, and the views that turn records into the exact
// JSON the API answers (`toArticle`, `toProfile`, …). `mockDb.reset()` restores the seed;
// `mockDb.clear()` empties it for tests that arrange their own rows.
import type { components } from '@inkwell/openapi';

import { defaultAvatarUrl } from './images';
import { seedMockDb } from './seed';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type Profile = Schemas['Profile'];
export type Article = Schemas['Article'];
export type ArticleListItem = Schemas['ArticleListItem'];
export type Comment = Schemas['Comment'];
export type Asset = Schemas['Asset'];

export interface UserRecord extends Pick<User, 'email' | 'username' | 'bio' | 'token'> {
  id: number;
  password: string;
  /** `null` means no picture: the views answer the default avatar. */
  image: User['image'] | null;
}

export type ArticleFields = Pick<
  Article,
  'slug' | 'title' | 'description' | 'body' | 'tagList' | 'coverImage' | 'createdAt' | 'updatedAt'
>;

export interface ArticleRecord extends ArticleFields {
  id: number;
  authorId: number;
}

export interface CommentRecord extends Pick<Comment, 'id' | 'body' | 'createdAt' | 'updatedAt'> {
  articleId: number;
  authorId: number;
}

export interface AssetRecord {
  asset: Asset;
  ownerId: number;
  /** The uploaded bytes, served back at the asset's URLs. */
  data: Uint8Array;
  /** The type sniffed from the bytes (the contract's `contentType` is always WebP). */
  mediaType: string;
}

export interface NewUserRecord {
  username: string;
  email: string;
  password?: string;
  bio?: string;
  image?: string | null;
  token?: string;
}

export interface NewArticleRecord {
  authorId: number;
  title: string;
  description: string;
  body: string;
  tagList?: string[];
  coverImage?: string | null;
  createdAt?: string;
  updatedAt?: string;
  slug?: string;
}

export interface NewCommentRecord {
  articleId: number;
  authorId: number;
  body: string;
  createdAt?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface ArticleFilter {
  tag?: string | null;
  author?: string | null;
  favorited?: string | null;
  /** Search words: all must match; `"a phrase"` and `-excluded` work; best match first. */
  q?: string | null;
  /** Only articles by the authors this user follows. */
  feedOf?: number;
}

/** The password every seeded user and every factory-made user signs in with. */
export const MOCK_PASSWORD = 'inkwell-demo';

const now = (): string => new Date().toISOString();
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const byNewest = (a: { createdAt: string; id: number }, b: { createdAt: string; id: number }): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

function randomToken(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The slug a title turns into, before any suffix that keeps it unique. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** Everything in the store as plain JSON, to keep mock-mode data across page reloads. */
export interface MockDbSnapshot {
  version: 1;
  users: UserRecord[];
  articles: ArticleRecord[];
  comments: CommentRecord[];
  follows: [number, number[]][];
  favorites: [number, number[]][];
  /** Uploads with their bytes in base64. */
  assets: (Omit<AssetRecord, 'data'> & { data: string })[];
  nextId: { user: number; article: number; comment: number };
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
    seedMockDb(this);
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
      version: 1,
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
    this.articles = new Map(snapshot.articles.map((a) => [a.id, { ...a, tagList: [...a.tagList] }]));
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
    const article: ArticleRecord = {
      id: this.nextId.article++,
      authorId: input.authorId,
      slug: input.slug ?? this.uniqueSlug(input.title),
      title: input.title,
      description: input.description,
      body: input.body,
      tagList: sortTags(input.tagList ?? []),
      coverImage: input.coverImage ?? null,
      createdAt,
      updatedAt: input.updatedAt ?? createdAt,
    };
    this.articles.set(article.id, article);
    this.changed();
    return article;
  }

  /** Applies the changed fields; a new title that makes a new slug gets a new unique slug. */
  updateArticle(id: number, patch: Partial<Omit<ArticleFields, 'slug' | 'createdAt' | 'updatedAt'>>): ArticleRecord {
    const article = this.requireArticle(id);
    if (patch.title !== undefined && slugify(patch.title) !== slugify(article.title)) {
      article.slug = this.uniqueSlug(patch.title, id);
    }
    Object.assign(article, definedOnly(patch));
    if (patch.tagList) article.tagList = sortTags(patch.tagList);
    article.updatedAt = now();
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

  articleBySlug(slug: string): ArticleRecord | null {
    for (const article of this.articles.values()) if (article.slug === slug) return article;
    return null;
  }

  allArticles(): ArticleRecord[] {
    return [...this.articles.values()].sort(byNewest);
  }

  /** One page of matching articles, newest first (best match first with `q`), and the total. */
  listArticles(filter: ArticleFilter, page: Page): { articles: ArticleRecord[]; articlesCount: number } {
    const author = filter.author ? this.userByUsername(filter.author) : null;
    const favoriter = filter.favorited ? this.userByUsername(filter.favorited) : null;
    if ((filter.author && !author) || (filter.favorited && !favoriter)) return { articles: [], articlesCount: 0 };
    const followed = filter.feedOf === undefined ? null : (this.follows.get(filter.feedOf) ?? new Set<number>());
    const search = filter.q ? parseSearch(filter.q) : null;

    const matches: { article: ArticleRecord; score: number }[] = [];
    for (const article of this.articles.values()) {
      if (author && article.authorId !== author.id) continue;
      if (favoriter && !this.isFavorited(favoriter.id, article.id)) continue;
      if (filter.tag && !article.tagList.includes(filter.tag)) continue;
      if (followed && !followed.has(article.authorId)) continue;
      const score = search ? scoreArticle(search, article) : 0;
      if (search && score <= 0) continue;
      matches.push({ article, score });
    }
    matches.sort((a, b) => b.score - a.score || byNewest(a.article, b.article));
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

  /** Tags by how many articles use them, most used first (ties alphabetical), at most `limit`. */
  popularTags(limit = 100): string[] {
    const counts = new Map<string, number>();
    for (const { tagList } of this.articles.values()) {
      for (const tag of tagList) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return [...counts]
      .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
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

  // --- views: records as the API answers them -------------------------------------------------

  toUser(user: UserRecord): User {
    return { email: user.email, token: user.token, username: user.username, bio: user.bio, image: avatarOf(user) };
  }

  /** The profile as `viewer` sees it (`following` is false for anonymous callers). */
  toProfile(user: UserRecord, viewer: UserRecord | null): Profile {
    return {
      username: user.username,
      bio: user.bio,
      image: avatarOf(user),
      following: viewer ? this.isFollowing(viewer.id, user.id) : false,
    };
  }

  toListItem(article: ArticleRecord, viewer: UserRecord | null): ArticleListItem {
    return {
      slug: article.slug,
      title: article.title,
      description: article.description,
      tagList: [...article.tagList],
      coverImage: article.coverImage,
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      favorited: viewer ? this.isFavorited(viewer.id, article.id) : false,
      favoritesCount: this.favoritesCount(article.id),
      author: this.toProfile(this.requireUser(article.authorId), viewer),
    };
  }

  toArticle(article: ArticleRecord, viewer: UserRecord | null): Article {
    return { ...this.toListItem(article, viewer), body: article.body };
  }

  toComment(comment: CommentRecord, viewer: UserRecord | null): Comment {
    return {
      id: comment.id,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      body: comment.body,
      author: this.toProfile(this.requireUser(comment.authorId), viewer),
    };
  }

  // --- helpers --------------------------------------------------------------------------------

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private findUser(predicate: (user: UserRecord) => boolean): UserRecord | null {
    for (const user of this.users.values()) if (predicate(user)) return user;
    return null;
  }

  private requireUser(id: number): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new Error(`mockDb: no user with id ${id}`);
    return user;
  }

  private requireArticle(id: number): ArticleRecord {
    const article = this.articles.get(id);
    if (!article) throw new Error(`mockDb: no article with id ${id}`);
    return article;
  }

  private uniqueSlug(title: string, exceptId?: number): string {
    const base = slugify(title);
    const taken = (slug: string): boolean => {
      const other = this.articleBySlug(slug);
      return other !== null && other.id !== exceptId;
    };
    let slug = base;
    while (taken(slug)) slug = `${base}-${randomToken(6)}`;
    return slug;
  }
}

/** Drops keys whose value is undefined, so a patch never erases a field it does not mention. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function avatarOf(user: UserRecord): string {
  return user.image ?? defaultAvatarUrl();
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function sortTags(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// --- search: a simple stand-in for the API's ranked full-text search ---------------------------

interface ParsedSearch {
  include: string[];
  exclude: string[];
}

/** Splits `q` into lower-case terms: words and `"phrases"` to find, `-words` to leave out. */
export function parseSearch(q: string): ParsedSearch {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const match of q.toLowerCase().matchAll(/(-?)"([^"]+)"|(-?)([^\s"]+)/g)) {
    const negated = Boolean(match[1] || match[3]);
    const term = (match[2] ?? match[4] ?? '').trim();
    if (!term) continue;
    (negated ? exclude : include).push(match[2] ? term : stem(term));
  }
  return { include, exclude };
}

/** A crude English stemmer, enough for `dragons` to find "dragon" and `training` "train". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const WEIGHTS = { title: 8, tags: 4, description: 2, body: 1 } as const;

/** 0 when the article does not match; otherwise higher for matches in weightier fields. */
function scoreArticle(search: ParsedSearch, article: ArticleRecord): number {
  const fields = {
    title: article.title.toLowerCase(),
    tags: article.tagList.join(' ').toLowerCase(),
    description: article.description.toLowerCase(),
    body: article.body.toLowerCase(),
  };
  const all = Object.values(fields).join('\n');
  if (search.exclude.some((term) => all.includes(term))) return 0;
  let score = 0;
  for (const term of search.include) {
    let termScore = 0;
    for (const [field, weight] of Object.entries(WEIGHTS)) {
      if (fields[field as keyof typeof WEIGHTS].includes(term)) termScore += weight;
    }
    if (termScore === 0) return 0;
    score += termScore;
  }
  return search.include.length > 0 ? score : 1;
}

/** The one store the mock handlers use; it starts out holding the seed. */
export const mockDb = new MockDatabase();
mockDb.reset();
