// The favorites of an article as stored: the maintained counter and the rows it counts.
import type { TestApp } from './test-app.js';

export async function storedFavorites(app: TestApp, articleId: number): Promise<{ counter: number; rows: number }> {
  const { rows } = await app.db.query(
    `select favorites_count as counter, (select count(*)::int from favorites where article_id = $1) as rows
       from articles where id = $1`,
    [articleId],
  );
  return rows[0];
}
