-- Up Migration

-- Drafts and scheduling. An article is seen by everyone when it is published and its
-- published_at has come; until then by its author alone. "Has come" is decided by each query
-- against now(), so a scheduled article appears on time with no write at all. The counters
-- (article_totals, users.articles_count, tags.articles_count through article_tags) count
-- published articles, scheduled ones included: a list subtracts those still to come, which the
-- indexes below find at the head of their order.
drop trigger articles_after_insert on articles;
drop trigger articles_after_delete on articles;
drop trigger articles_sync_tags on articles;
drop function articles_after_insert, articles_after_delete, articles_sync_tags;

alter table articles
  add column status text not null default 'published' check (status in ('draft', 'published')),
  add column published_at timestamptz,
  add column cover_image_alt text not null default '' check (char_length(cover_image_alt) <= 300),
  add column cover_focal_x double precision not null default 0.5 check (cover_focal_x between 0 and 1),
  add column cover_focal_y double precision not null default 0.5 check (cover_focal_y between 0 and 1);
update articles set published_at = created_at;
alter table articles add constraint articles_published_at_check check (status = 'draft' or published_at is not null);

-- Lists read published articles newest first (a range on published_at <= now()); the scheduled
-- ones are the head of the same order. Per author, one index serves the public list, the
-- author's drafts and scheduled articles, and the cascade when a user is deleted.
drop index articles_created_idx;
drop index articles_author_created_idx;
create index articles_published_idx on articles (published_at desc, id desc) where status = 'published';
create index articles_author_idx on articles (author_id, status, published_at desc, id desc);

-- article_tags holds the published articles only, ordered by their publishing time.
delete from article_tags at using articles a where a.id = at.article_id and a.status <> 'published';
alter table article_tags rename column article_created_at to article_published_at;
alter index article_tags_tag_created_idx rename to article_tags_tag_published_idx;

-- Publishing sets published_at when none is given: an insert takes the row's created_at (so a
-- backdated row is published when it was written), a later publish takes now().
create function articles_published_at() returns trigger language plpgsql as $$
begin
  if new.status = 'published' and new.published_at is null then
    new.published_at := case when tg_op = 'INSERT' then new.created_at else now() end;
  end if;
  return new;
end $$;
create trigger articles_published_at before insert or update of status, published_at on articles
  for each row execute function articles_published_at();

-- As in 0001, derived data is kept per statement (bulk inserts touch each counter once) and
-- tag rows are locked in id order.
create function articles_after_insert() returns trigger language plpgsql as $$
begin
  insert into article_slugs (slug, article_id) select slug, id from inserted_rows;
  update article_totals set articles_count = articles_count
    + (select count(*) from inserted_rows where status = 'published');
  update users u set articles_count = u.articles_count + c.n
    from (select author_id, count(*) as n from inserted_rows where status = 'published' group by author_id) c
   where u.id = c.author_id;
  insert into tags (name)
    select distinct name from inserted_rows, unnest(inserted_rows.tag_list) as name order by name
    on conflict (name) do nothing;
  insert into article_tags (tag_id, article_id, article_published_at)
    select t.id, a.id, a.published_at
      from inserted_rows a cross join unnest(a.tag_list) as n (name) join tags t on t.name = n.name
     where a.status = 'published'
     order by t.id;
  return null;
end $$;
create trigger articles_after_insert after insert on articles
  referencing new table as inserted_rows for each statement execute function articles_after_insert();

create function articles_after_delete() returns trigger language plpgsql as $$
begin
  update article_totals set articles_count = articles_count
    - (select count(*) from deleted_rows where status = 'published');
  update users u set articles_count = u.articles_count - c.n
    from (select author_id, count(*) as n from deleted_rows where status = 'published' group by author_id) c
   where u.id = c.author_id;
  return null;
end $$;
create trigger articles_after_delete after delete on articles
  referencing old table as deleted_rows for each statement execute function articles_after_delete();

-- An edit changes one article: the counters follow its status, its article_tags rows its tags,
-- status and publishing time.
create function articles_after_update() returns trigger language plpgsql as $$
declare
  change integer := case
    when new.status = old.status then 0 when new.status = 'published' then 1 else -1 end;
begin
  if change <> 0 then
    update article_totals set articles_count = articles_count + change;
    update users set articles_count = articles_count + change where id = new.author_id;
  end if;
  if new.status <> 'published' then
    delete from article_tags where article_id = new.id;
    return null;
  end if;
  if change = 0 and new.tag_list = old.tag_list and new.published_at = old.published_at then
    return null;
  end if;
  insert into tags (name)
    select name from unnest(new.tag_list) as name order by name
    on conflict (name) do nothing;
  delete from article_tags at
    using tags t
    where at.article_id = new.id and t.id = at.tag_id and t.name <> all (new.tag_list);
  update article_tags set article_published_at = new.published_at
   where article_id = new.id and article_published_at <> new.published_at;
  insert into article_tags (tag_id, article_id, article_published_at)
    select t.id, new.id, new.published_at from tags t where t.name = any (new.tag_list) order by t.id
    on conflict do nothing;
  return null;
end $$;
create trigger articles_after_update after update of tag_list, status, published_at on articles
  for each row execute function articles_after_update();

-- Permanent links: every slug an article has had, its current one included, answers for it
-- while it exists. One primary key over all of them keeps a slug from ever naming two articles:
-- a new article or a new title whose slug another article still answers to is refused with a
-- unique violation (article_slugs_pkey), and the service tries a suffixed slug instead.
create table article_slugs (
  slug text primary key,
  article_id bigint not null references articles (id) on delete cascade
);
create index article_slugs_article_idx on article_slugs (article_id);
insert into article_slugs (slug, article_id) select slug, id from articles;

-- A new slug joins the article's; one the article had before (a title changed back) is its own.
create function articles_slug_changed() returns trigger language plpgsql as $$
begin
  insert into article_slugs (slug, article_id) values (new.slug, new.id) on conflict (slug) do nothing;
  if not found and not exists (select 1 from article_slugs where slug = new.slug and article_id = new.id) then
    raise exception 'slug "%" answers for another article', new.slug
      using errcode = 'unique_violation', constraint = 'article_slugs_pkey';
  end if;
  return null;
end $$;
create trigger articles_slug_changed after update of slug on articles
  for each row when (new.slug <> old.slug) execute function articles_slug_changed();

-- Down Migration

-- Forward only: going back would have to delete every draft and forget every former slug.
