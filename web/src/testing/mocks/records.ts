// The rows of the mock store, typed from the contract's schemas, and what it takes to add them.
// Plain data only: the store (store.ts) keeps them, the views (views.ts) turn them into answers.
import type { components } from '@inkwell/openapi';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type Profile = Schemas['Profile'];
export type Article = Schemas['Article'];
export type ArticleListItem = Schemas['ArticleListItem'];
export type ArticleImage = Schemas['ArticleImage'];
export type Comment = Schemas['Comment'];
export type Asset = Schemas['Asset'];

/** The password every seeded user and every factory-made user signs in with. */
export const MOCK_PASSWORD = 'inkwell-demo';

export interface UserRecord extends Pick<User, 'email' | 'username' | 'bio' | 'token'> {
  id: number;
  password: string;
  /** `null` means no picture: the views answer the default avatar. */
  image: User['image'] | null;
}

export type ArticleFields = Pick<
  Article,
  | 'slug'
  | 'title'
  | 'description'
  | 'body'
  | 'tagList'
  | 'coverImage'
  | 'coverImageAlt'
  | 'coverImageFocalPoint'
  | 'status'
  | 'publishedAt'
  | 'createdAt'
  | 'updatedAt'
>;

export interface ArticleRecord extends ArticleFields {
  id: number;
  authorId: number;
  /** Every slug the article had before its current one: they keep answering for it. */
  formerSlugs: string[];
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
  coverImageAlt?: string;
  coverImageFocalPoint?: { x?: number; y?: number };
  status?: Article['status'];
  /** Absent or null: now when published, none for a draft. */
  publishedAt?: string | null;
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
  /** Instead of what readers see: this author's drafts, or their articles scheduled for later. */
  unpublishedOf?: { authorId: number; status: 'draft' | 'scheduled' };
}

/** Everything in the store as plain JSON, to keep mock-mode data across page reloads. */
export interface MockDbSnapshot {
  version: 2;
  users: UserRecord[];
  articles: ArticleRecord[];
  comments: CommentRecord[];
  follows: [number, number[]][];
  favorites: [number, number[]][];
  /** Uploads with their bytes in base64. */
  assets: (Omit<AssetRecord, 'data'> & { data: string })[];
  nextId: { user: number; article: number; comment: number };
}
