// Articles through the service (so slugs and tags follow the real rules), by a given author.
import type { ArticleRow } from '../../src/modules/articles/article-repository.js';
import { createArticle } from '../../src/modules/articles/article-service.js';
import type { TestApp } from '../helpers/test-app.js';
import type { TestUser } from './user-factory.js';

let sequence = 0;

export interface ArticleOverrides {
  author: TestUser;
  title?: string;
  description?: string;
  body?: string;
  tagList?: string[];
  coverImage?: string | null;
  /** Backdates the article (written and published then), for ordering tests. */
  createdAt?: Date;
  status?: 'draft' | 'published';
  /** When it is published; in the future, it is scheduled. */
  publishedAt?: Date;
}

export const articleFactory = {
  async create(app: TestApp, overrides: ArticleOverrides): Promise<ArticleRow> {
    sequence += 1;
    const row = await createArticle(app.db, overrides.author.id, {
      title: overrides.title ?? `Article ${sequence} by ${overrides.author.username}`,
      description: overrides.description ?? 'A description',
      body: overrides.body ?? 'Some *Markdown* body.',
      tagList: overrides.tagList ?? [],
      coverImage: overrides.coverImage ?? null,
      status: overrides.status,
      publishedAt: overrides.publishedAt?.toISOString(),
    });
    if (overrides.createdAt) {
      const at = overrides.createdAt.toISOString();
      await app.db.query(
        `update articles set created_at = $2, updated_at = $2,
                published_at = case when status = 'published' then $2 else published_at end
          where id = $1`,
        [row.id, at],
      );
      return { ...row, createdAt: at, updatedAt: at, publishedAt: row.status === 'published' ? at : row.publishedAt };
    }
    return row;
  },
};
