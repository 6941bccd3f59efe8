-- Up Migration

-- Each API process keeps the answers of anonymous reads (article lists, an article, its comments,
-- profiles, tags) in memory, and drops them all when it hears of any change here. One statement
-- trigger per table: PostgreSQL folds identical notifications of one transaction into one, and
-- sends them at commit, so no process hears of a change it cannot read yet.
--
-- Only what anonymous answers show: follows are left out (anonymous readers see `following`
-- false), and of users only what articles, comments and profiles show (username, bio, image),
-- or their removal. A new user changes no answer: lists filtered by an unknown name are empty
-- until that user writes, favorites or is renamed, each of which notifies.
--
-- The API's own connections set inkwell.reads_notify = off and announce their writes themselves,
-- just after the commit (http/read-cache.ts): a transaction that notifies holds PostgreSQL's
-- notification lock while its commit is flushed to disk, so notifying writers commit one at a
-- time (ten connections inserting comments: 1,515 a second without the trigger, 250 with it).
-- Every other writer (the seed, a migration, someone in psql) is announced here, at commit.
create function reads_notify() returns trigger language plpgsql as $$
begin
  if current_setting('inkwell.reads_notify', true) is distinct from 'off' then
    perform pg_notify('inkwell_reads', '');
  end if;
  return null;
end $$;

create trigger articles_reads_notify after insert or update or delete or truncate on articles
  for each statement execute function reads_notify();
create trigger comments_reads_notify after insert or update or delete or truncate on comments
  for each statement execute function reads_notify();
create trigger favorites_reads_notify after insert or delete or truncate on favorites
  for each statement execute function reads_notify();
create trigger tags_reads_notify after insert or update or delete or truncate on tags
  for each statement execute function reads_notify();
create trigger users_reads_notify after update of username, bio, image or delete or truncate on users
  for each statement execute function reads_notify();

-- Down Migration

drop trigger users_reads_notify on users;
drop trigger tags_reads_notify on tags;
drop trigger favorites_reads_notify on favorites;
drop trigger comments_reads_notify on comments;
drop trigger articles_reads_notify on articles;
drop function reads_notify;
