// SQL for tags: counts are maintained by triggers, so the list is one index scan.
import { type Queryable, query, sql } from '../../db/pool.js';

// tags.articles_count counts published articles, scheduled ones included. Those still to come
// are few and found at the head of the publishing-time index: their tags' counts are lowered,
// and since lowering moves a tag down only, the true top N lies within the top N + (number of
// such tags) of the stored order, which the index reads. The scheduled articles' tags come from
// their tag_list (the head of the publishing-time index, then one tag lookup each).
const MOST_USED = sql(
  'tags.most-used',
  `with scheduled as materialized (
     select t.id as tag_id, count(*) as n
       from articles a cross join unnest(a.tag_list) as used (name) join tags t on t.name = used.name
      where a.status = 'published' and a.published_at > now()
      group by t.id
   ), top as (
     select id, name, articles_count from tags where articles_count > 0
      order by articles_count desc, name collate "C"
      limit $1 + (select count(*) from scheduled)
   )
   select top.name
     from top left join scheduled s on s.tag_id = top.id
    where top.articles_count - coalesce(s.n, 0) > 0
    order by top.articles_count - coalesce(s.n, 0) desc, top.name collate "C"
    limit $1`,
);

/** The names of the most used tags, most used first, counting only articles readers see. */
export async function findMostUsedTags(db: Queryable, limit: number): Promise<string[]> {
  const rows = await query<{ name: string }>(db, MOST_USED, [limit]);
  return rows.map((row) => row.name);
}
