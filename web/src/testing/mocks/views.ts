// Records as the API answers them: the exact JSON of the contract's schemas, as a given viewer
// sees it (`following` and `favorited` are false for anonymous callers).
import { defaultAvatarUrl } from './images';
import type {
  Article,
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
    toArticle: (article, viewer) => ({ ...toListItem(article, viewer), body: article.body }),
    toComment: (comment, viewer) => ({
      id: comment.id,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      body: comment.body,
      author: toProfile(db.requireUser(comment.authorId), viewer),
    }),
  };
}
