// Articles as the contract shows them.
import type { components } from '@inkwell/openapi';
import { toProfileDto } from '../users/user-mapper.js';
import type { ArticleRow } from './article-repository.js';

type Article = components['schemas']['Article'];
type ArticleListItem = components['schemas']['ArticleListItem'];
type ArticleImage = components['schemas']['ArticleImage'];

/** A list item: everything but the body, unless the row carries it (LIST_INCLUDES_BODY). */
export function toArticleListItemDto(
  row: ArticleRow,
  images: ArticleImage[],
  defaultAvatarUrl: string,
): ArticleListItem {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    ...(row.body !== undefined && { body: row.body }),
    tagList: row.tagList,
    coverImage: row.coverImage,
    coverImageAlt: row.coverImageAlt,
    coverImageFocalPoint: { x: row.coverFocalX, y: row.coverFocalY },
    images,
    status: row.status,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    favorited: row.favorited,
    favoritesCount: row.favoritesCount,
    author: toProfileDto(
      { username: row.authorUsername, bio: row.authorBio, image: row.authorImage },
      row.authorFollowing,
      defaultAvatarUrl,
    ),
  };
}

/** The full article, with its Markdown body. */
export function toArticleDto(row: ArticleRow, images: ArticleImage[], defaultAvatarUrl: string): Article {
  return { ...toArticleListItemDto(row, images, defaultAvatarUrl), body: row.body ?? '' };
}
