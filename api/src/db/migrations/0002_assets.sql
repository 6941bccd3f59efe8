-- Up Migration

-- Uploaded images. The objects live in the bucket under content-addressed keys; a row records
-- who uploaded what. Keys, not URLs, are stored so the public base URL can change (CDN, domain)
-- without rewriting rows. The same bytes uploaded twice share their objects: `key` is not unique.
create table assets (
  id uuid primary key default gen_random_uuid(),
  owner_id bigint not null references users (id) on delete cascade,
  -- The full-size rendition, e.g. a/<sha256>.webp.
  key text not null check (char_length(key) between 1 and 1024),
  content_type text not null check (char_length(content_type) between 1 and 100),
  -- Size of the full-size rendition.
  bytes integer not null check (bytes > 0),
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  -- Narrower renditions, narrowest first: [{"width": 320, "height": 240, "key": "...", "bytes": 1234}].
  variants jsonb not null default '[]' check (jsonb_typeof(variants) = 'array'),
  created_at timestamptz not null default now()
);
-- A user's uploads, newest first.
create index assets_owner_created_idx on assets (owner_id, created_at desc);
-- "Is this object still referenced?" before deleting objects after a failed insert.
create index assets_key_idx on assets (key);

-- Down Migration

drop table assets;
