// Test data typed from the contract.
//
// build*  — plain objects shaped exactly like API answers, for components and hooks tested
//           without a network (`buildArticle({ title: 'Hello' })`).
// seed*   — rows put into the mock store (`mockDb`), so the MSW handlers answer with them;
//           they return the API's view of the row (`seedUser` includes the token to sign in with).
//
//   mockDb.clear();                                  // start empty (or mockDb.reset() for the seed)
//   const ada = seedUser({ username: 'ada' });
//   const article = seedArticle({ author: ada, title: 'Hello', tagList: ['intro'] });
//   seedComment({ article, author: seedUser(), body: 'Nice!' });
//   // sign in as ada with ada.token (or email + MOCK_PASSWORD through the sign-in page)
import { slugify } from '@inkwell/rules';

import { mockDb, views } from './mocks/db';
import { VARIANT_WIDTHS, avatarUrl, coverUrl, mockAssetUrl } from './mocks/images';
import type { Article, ArticleListItem, Asset, Comment, Profile, User, UserRecord } from './mocks/records';

export { MOCK_PASSWORD } from './mocks/records';

let sequence = 0;
const next = (): number => (sequence += 1);

/** A fixed moment, so built objects render the same dates in every run. */
const BUILT_AT = '2026-05-04T10:15:30.250Z';

// --- build: plain contract objects -----------------------------------------------------------

export function buildProfile(overrides: Partial<Profile> = {}): Profile {
  const n = next();
  return {
    username: `writer${n}`,
    bio: `Writer number ${n}.`,
    image: avatarUrl(`writer${n}`),
    following: false,
    ...overrides,
  };
}

export function buildArticle(overrides: Partial<Article> = {}): Article {
  const n = next();
  const title = overrides.title ?? `Article number ${n}`;
  return {
    slug: slugify(title),
    title,
    description: `What article ${n} is about.`,
    body: `## Article ${n}\n\nSome **Markdown** with a list:\n\n- one\n- two\n`,
    tagList: [],
    coverImage: null,
    coverImageAlt: '',
    coverImageFocalPoint: { x: 0.5, y: 0.5 },
    images: [],
    status: 'published',
    // Published when written, as the API does unless told otherwise.
    publishedAt: overrides.createdAt ?? BUILT_AT,
    createdAt: BUILT_AT,
    updatedAt: BUILT_AT,
    favorited: false,
    favoritesCount: 0,
    author: buildProfile(),
    ...overrides,
  };
}

/** An article as it appears in lists (without `body`). */
export function buildArticleListItem(overrides: Partial<ArticleListItem> = {}): ArticleListItem {
  const { body: _body, ...item } = buildArticle(overrides);
  return item;
}

export function buildAsset(overrides: Partial<Asset> = {}): Asset {
  const id = `00000000-0000-4000-8000-${String(next()).padStart(12, '0')}`;
  return {
    id,
    url: mockAssetUrl('uploads', `${id}.webp`),
    width: 1600,
    height: 900,
    contentType: 'image/webp',
    bytes: 120_000,
    variants: VARIANT_WIDTHS.map((width) => ({ width, url: mockAssetUrl('uploads', `${id}-${width}.webp`) })),
    ...overrides,
  };
}

// --- seed: rows in the mock store ------------------------------------------------------------

/** A user by username, or any object with one (a `User`, a `Profile`, an article's `author`). */
export type UserRef = string | { username: string };

function recordOf(ref: UserRef): UserRecord {
  const username = typeof ref === 'string' ? ref : ref.username;
  const user = mockDb.userByUsername(username);
  if (!user) throw new Error(`factories: no user "${username}" in mockDb; seed it first`);
  return user;
}

export interface SeedUserOptions {
  username?: string;
  email?: string;
  password?: string;
  bio?: string;
  /** A URL, or null for the default avatar; by default a generated avatar. */
  image?: string | null;
  /** Users this one follows. */
  following?: UserRef[];
}

/** Adds a user who can sign in (with `MOCK_PASSWORD` unless given); returns them with their token. */
export function seedUser(options: SeedUserOptions = {}): User {
  const n = next();
  const username = options.username ?? `reader${n}`;
  if (mockDb.userByUsername(username)) throw new Error(`factories: user "${username}" is already in mockDb`);
  const user = mockDb.insertUser({
    username,
    email: options.email ?? `${username}@inkwell.test`,
    password: options.password,
    bio: options.bio,
    image: options.image === undefined ? avatarUrl(username) : options.image,
    token: `mock-token-${username}`,
  });
  for (const followee of options.following ?? []) mockDb.follow(user.id, recordOf(followee).id);
  return views.toUser(user);
}

export interface SeedArticleOptions extends Partial<
  Pick<
    Article,
    | 'title'
    | 'description'
    | 'body'
    | 'tagList'
    | 'coverImage'
    | 'coverImageAlt'
    | 'status'
    | 'publishedAt'
    | 'createdAt'
    | 'updatedAt'
  >
> {
  /** The author; a new user when left out. */
  author?: UserRef;
  /** Users who favorited it. */
  favoritedBy?: UserRef[];
}

/**
 * Adds an article (newest of all unless `createdAt` or `publishedAt` says otherwise; published
 * when it was created unless `status` or `publishedAt` says otherwise); returns it as the API
 * shows it to an anonymous reader (who gets 404 for a draft or a scheduled article).
 */
export function seedArticle(options: SeedArticleOptions = {}): Article {
  const n = next();
  const author = options.author ? recordOf(options.author) : recordOf(seedUser());
  const article = mockDb.insertArticle({
    authorId: author.id,
    title: options.title ?? `Article number ${n}`,
    description: options.description ?? `What article ${n} is about.`,
    body: options.body ?? `## Article ${n}\n\nSome **Markdown**.\n`,
    tagList: options.tagList,
    coverImage: options.coverImage === undefined ? coverUrl(`cover${n}`) : options.coverImage,
    coverImageAlt: options.coverImageAlt,
    status: options.status,
    publishedAt: options.publishedAt,
    createdAt: options.createdAt,
    updatedAt: options.updatedAt,
  });
  for (const fan of options.favoritedBy ?? []) mockDb.favorite(recordOf(fan).id, article.id);
  return views.toArticle(article, null);
}

export interface SeedCommentOptions {
  /** The article, or its slug. */
  article: { slug: string } | string;
  /** The comment's author; a new user when left out. */
  author?: UserRef;
  body?: string;
  createdAt?: string;
}

export function seedComment(options: SeedCommentOptions): Comment {
  const slug = typeof options.article === 'string' ? options.article : options.article.slug;
  const article = mockDb.articleBySlug(slug);
  if (!article) throw new Error(`factories: no article "${slug}" in mockDb; seed it first`);
  const author = options.author ? recordOf(options.author) : recordOf(seedUser());
  const comment = mockDb.insertComment({
    articleId: article.id,
    authorId: author.id,
    body: options.body ?? `Comment number ${next()}.`,
    createdAt: options.createdAt,
  });
  return views.toComment(comment, null);
}
