-- Up Migration

-- GET /tags breaks ties between equally used tags in code point order, whatever the database's
-- collation, so the order is the one @inkwell/rules (and so the mocks) use. The index follows the
-- query's collation, so the list stays one index scan.
drop index tags_popular_idx;
create index tags_popular_idx on tags (articles_count desc, name collate "C") where articles_count > 0;

-- Down Migration

drop index tags_popular_idx;
create index tags_popular_idx on tags (articles_count desc, name) where articles_count > 0;
