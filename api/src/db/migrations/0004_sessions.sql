-- Up Migration

-- Sign-in sessions. Every token names one (its `sid` claim) and is accepted only while that
-- session is neither revoked nor past `expires_at`: an absolute lifetime that no request extends.
-- Ended sessions are swept a day after they end.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id bigint not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
-- A password change ends the user's other live sessions.
create index sessions_user_live_idx on sessions (user_id) where revoked_at is null;
-- The sweep of ended sessions (least() skips a null revoked_at).
create index sessions_ended_idx on sessions (least(expires_at, revoked_at));

-- Each API process caches the sessions it has checked and drops one when it hears of it here:
-- a live session revoked, its lifetime changed, or deleted (with its user, by cascade).
-- Notifications go out at commit, so no process hears of a change it cannot read yet.
create function sessions_notify() returns trigger language plpgsql as $$
begin
  if old.revoked_at is null and old.expires_at > now() then
    perform pg_notify('inkwell_sessions', old.id::text);
  end if;
  return null;
end $$;
create trigger sessions_notify after update of revoked_at, expires_at or delete on sessions
  for each row execute function sessions_notify();

-- Down Migration

drop table sessions;
drop function sessions_notify;
