// SQL for tags: counts are maintained by triggers, so the list is one index scan.
import { type Queryable, query, sql } from '../../db/pool.js';

const MOST_USED = sql(
  'tags.most-used',
  'select name from tags where articles_count > 0 order by articles_count desc, name collate "C" limit $1',
);

/** The names of the most used tags, most used first. */
export async function findMostUsedTags(db: Queryable, limit: number): Promise<string[]> {
  const rows = await query<{ name: string }>(db, MOST_USED, [limit]);
  return rows.map((row) => row.name);
}
