// Records as the API answers them: the exact JSON of the contract's schemas, as a given viewer
// sees it (`following` and `favorited` are false for anonymous callers).
import { ARTICLE_IMAGES_MAX_ITEMS } from '@inkwell/rules';

import { defaultAvatarUrl, mockAssetUrl } from './images';
import type {
  Article,
  ArticleImage,
  ArticleListItem,
  ArticleRecord,
  Comment,
  CommentRecord,
  Profile,
  User,
  UserRecord,
} from './records';
import type { MockDatabase } from './store';

export interface MockViews {
  toUser(user: UserRecord): User;
  toProfile(user: UserRecord, viewer: UserRecord | null): Profile;
  toListItem(article: ArticleRecord, viewer: UserRecord | null): ArticleListItem;
  toArticle(article: ArticleRecord, viewer: UserRecord | null): Article;
  toComment(comment: CommentRecord, viewer: UserRecord | null): Comment;
}

function avatarOf(user: UserRecord): string {
  return user.image ?? defaultAvatarUrl();
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The uploads an article shows, as the API finds them: its cover and, with a body, every upload
 * URL in it (a `#fragment` ignored), each once, cover first. Generated mock images are no uploads.
 */
function imagesOf(db: MockDatabase, coverImage: string | null, body?: string): ArticleImage[] {
  const urls = [coverImage ?? ''];
  if (body !== undefined) {
    const uploads = new RegExp(`${escapeRegExp(mockAssetUrl('uploads', ''))}[^\\s)"'<>\\]]+`, 'g');
    urls.push(...Array.from(body.matchAll(uploads), ([url]) => url));
  }
  const seen = new Map<string, ArticleImage>();
  for (const url of urls) {
    const record = db.assetByUrl(url);
    if (!record || seen.has(record.asset.url) || seen.size >= ARTICLE_IMAGES_MAX_ITEMS) continue;
    const { url: plain, width, height, variants } = record.asset;
    seen.set(plain, { url: plain, width, height, variants: variants.map((v) => ({ ...v })) });
  }
  return [...seen.values()];
}

/** The views over one store. */
export function mockViews(db: MockDatabase): MockViews {
  const toProfile = (user: UserRecord, viewer: UserRecord | null): Profile => ({
    username: user.username,
    bio: user.bio,
    image: avatarOf(user),
    following: viewer ? db.isFollowing(viewer.id, user.id) : false,
  });

  const toListItem = (article: ArticleRecord, viewer: UserRecord | null): ArticleListItem => ({
    slug: article.slug,
    title: article.title,
    description: article.description,
    tagList: [...article.tagList],
    coverImage: article.coverImage,
    coverImageAlt: article.coverImageAlt,
    coverImageFocalPoint: { ...article.coverImageFocalPoint },
    images: imagesOf(db, article.coverImage),
    status: article.status,
    publishedAt: article.publishedAt,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    favorited: viewer ? db.isFavorited(viewer.id, article.id) : false,
    favoritesCount: db.favoritesCount(article.id),
    author: toProfile(db.requireUser(article.authorId), viewer),
  });

  return {
    toUser: (user) => ({
      email: user.email,
      token: user.token,
      username: user.username,
      bio: user.bio,
      image: avatarOf(user),
    }),
    toProfile,
    toListItem,
    toArticle: (article, viewer) => ({
      ...toListItem(article, viewer),
      images: imagesOf(db, article.coverImage, article.body),
      body: article.body,
    }),
    toComment: (comment, viewer) => ({
      id: comment.id,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      body: comment.body,
      author: toProfile(db.requireUser(comment.authorId), viewer),
    }),
  };
}
