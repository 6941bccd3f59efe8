-- Up Migration

-- Users. Usernames and emails are unique regardless of case (lower() indexes, no extension
-- needed); both keep the spelling the user chose. `image` null means the default avatar.
create table users (
  id bigint generated always as identity primary key,
  username text not null check (username ~ '^[A-Za-z0-9_-]{1,40}$'),
  email text not null check (char_length(email) between 3 and 254),
  password_hash text not null,
  bio text not null default '' check (char_length(bio) <= 1000),
  image text check (char_length(image) <= 2048),
  -- Maintained by the article triggers: the exact count behind ?author= and the feed.
  articles_count integer not null default 0 check (articles_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_username_lower_key on users (lower(username));
create unique index users_email_lower_key on users (lower(email));

create table follows (
  follower_id bigint not null references users (id) on delete cascade,
  followee_id bigint not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (follower_id, followee_id),
  check (follower_id <> followee_id)
);
-- The primary key serves "whom do I follow" (feed, `following` flags); this one deletes.
create index follows_followee_idx on follows (followee_id);

-- array_to_string is only STABLE; over text[] it is immutable in fact, which a generated
-- column needs.
create function inkwell_tags_text(tags text[]) returns text
  language sql immutable parallel safe
  as $$ select array_to_string(tags, ' ') $$;

-- Articles. `tag_list` (sorted) is what the API reads; `article_tags` and the counters below are
-- derived from it by triggers, so no write path can let them drift.
create table articles (
  id bigint generated always as identity primary key,
  slug text not null,
  title text not null check (char_length(title) between 1 and 200),
  description text not null check (char_length(description) between 1 and 500),
  body text not null check (char_length(body) between 1 and 100000),
  tag_list text[] not null default '{}' check (cardinality(tag_list) <= 10),
  cover_image text check (char_length(cover_image) <= 2048),
  author_id bigint not null references users (id) on delete cascade,
  favorites_count integer not null default 0 check (favorites_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Full-text search: title weighs most, then description and tags, then the body.
  search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', description || ' ' || inkwell_tags_text(tag_list)), 'B')
    || setweight(to_tsvector('english', body), 'C')
  ) stored,
  constraint articles_slug_key unique (slug)
);
-- Newest first, globally and per author; id breaks ties so pages never overlap.
create index articles_created_idx on articles (created_at desc, id desc);
create index articles_author_created_idx on articles (author_id, created_at desc, id desc);
create index articles_search_idx on articles using gin (search);

create table tags (
  id bigint generated always as identity primary key,
  name text not null check (char_length(name) between 1 and 40),
  articles_count integer not null default 0 check (articles_count >= 0),
  constraint tags_name_key unique (name)
);
-- GET /tags: the most used tags, straight off this index.
create index tags_popular_idx on tags (articles_count desc, name) where articles_count > 0;

-- One row per (tag, article) with the article's creation time, so "newest articles with tag X"
-- walks one index in order whatever the tag's popularity.
create table article_tags (
  tag_id bigint not null references tags (id) on delete cascade,
  article_id bigint not null references articles (id) on delete cascade,
  article_created_at timestamptz not null,
  primary key (tag_id, article_id)
);
create index article_tags_tag_created_idx on article_tags (tag_id, article_created_at desc, article_id desc);
create index article_tags_article_idx on article_tags (article_id);

create table favorites (
  user_id bigint not null references users (id) on delete cascade,
  article_id bigint not null references articles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, article_id)
);
create index favorites_article_idx on favorites (article_id);

create table comments (
  id bigint generated always as identity primary key,
  article_id bigint not null references articles (id) on delete cascade,
  author_id bigint not null references users (id) on delete cascade,
  body text not null check (char_length(body) between 1 and 10000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index comments_article_created_idx on comments (article_id, created_at desc, id desc);
create index comments_author_idx on comments (author_id);

-- The exact number of articles, so an unfiltered list's articlesCount costs one row read
-- (per author: users.articles_count; per tag: tags.articles_count).
create table article_totals (
  singleton boolean primary key default true check (singleton),
  articles_count bigint not null check (articles_count >= 0)
);
insert into article_totals (articles_count) values (0);

-- Derived data is maintained per statement, not per row: a bulk insert of many articles then
-- touches each tag row and the total once, instead of once per article (which, inside one
-- transaction, piles up row versions that every later update must step over).
--
-- Lock order: new tags are inserted in name order and existing tag rows are locked in id order,
-- so concurrent writers sharing tags wait for each other instead of deadlocking.

create function articles_after_insert() returns trigger language plpgsql as $$
begin
  update article_totals set articles_count = articles_count + (select count(*) from inserted_rows);
  update users u set articles_count = u.articles_count + c.n
    from (select author_id, count(*) as n from inserted_rows group by author_id) c
   where u.id = c.author_id;
  insert into tags (name)
    select distinct name from inserted_rows, unnest(inserted_rows.tag_list) as name order by name
    on conflict (name) do nothing;
  insert into article_tags (tag_id, article_id, article_created_at)
    select t.id, a.id, a.created_at
      from inserted_rows a cross join unnest(a.tag_list) as n (name) join tags t on t.name = n.name
     order by t.id;
  return null;
end $$;
create trigger articles_after_insert after insert on articles
  referencing new table as inserted_rows for each statement execute function articles_after_insert();

create function articles_after_delete() returns trigger language plpgsql as $$
begin
  update article_totals set articles_count = articles_count - (select count(*) from deleted_rows);
  update users u set articles_count = u.articles_count - c.n
    from (select author_id, count(*) as n from deleted_rows group by author_id) c
   where u.id = c.author_id;
  return null;
end $$;
create trigger articles_after_delete after delete on articles
  referencing old table as deleted_rows for each statement execute function articles_after_delete();

-- An edit changes one article: keep its article_tags rows in step with tag_list and created_at.
create function articles_sync_tags() returns trigger language plpgsql as $$
begin
  if new.created_at <> old.created_at then
    update article_tags set article_created_at = new.created_at where article_id = new.id;
  end if;
  if new.tag_list = old.tag_list then
    return null;
  end if;
  insert into tags (name)
    select name from unnest(new.tag_list) as name order by name
    on conflict (name) do nothing;
  delete from article_tags at
    using tags t
    where at.article_id = new.id and t.id = at.tag_id and t.name <> all (new.tag_list);
  insert into article_tags (tag_id, article_id, article_created_at)
    select t.id, new.id, new.created_at from tags t where t.name = any (new.tag_list) order by t.id
    on conflict do nothing;
  return null;
end $$;
create trigger articles_sync_tags after update of tag_list, created_at on articles
  for each row execute function articles_sync_tags();

create function article_tags_counted() returns trigger language plpgsql as $$
begin
  perform 1 from tags where id in (select tag_id from changed_rows) order by id for update;
  update tags t
     set articles_count = t.articles_count + (case when tg_op = 'INSERT' then c.uses else -c.uses end)
    from (select tag_id, count(*) as uses from changed_rows group by tag_id) c
   where t.id = c.tag_id;
  return null;
end $$;
create trigger article_tags_inserted after insert on article_tags
  referencing new table as changed_rows for each statement execute function article_tags_counted();
create trigger article_tags_deleted after delete on article_tags
  referencing old table as changed_rows for each statement execute function article_tags_counted();

-- favorites_count changes in the same transaction as the favorite itself: exact under any
-- concurrency (the row lock on the article serialises increments).
create function favorites_count() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    update articles set favorites_count = favorites_count + 1 where id = new.article_id;
  else
    update articles set favorites_count = favorites_count - 1 where id = old.article_id;
  end if;
  return null;
end $$;
create trigger favorites_count after insert or delete on favorites
  for each row execute function favorites_count();

-- Failed sign-in counters shared by every API replica (express-rate-limit store). Unlogged:
-- losing them in a crash only forgives a few failures, and writes skip the WAL.
create unlogged table rate_limits (
  key text primary key,
  hits integer not null,
  reset_at timestamptz not null
);
create index rate_limits_reset_idx on rate_limits (reset_at);

-- Down Migration

drop table rate_limits;
drop table comments;
drop table favorites;
drop table article_tags;
drop table tags;
drop table articles;
drop table article_totals;
drop function articles_after_insert, articles_after_delete, articles_sync_tags, article_tags_counted,
  favorites_count, inkwell_tags_text;
drop table follows;
drop table users;
