import { query, queryOne, sql, type Queryable } from '../../db/pool.js';

export interface StoredVariant {
  width: number;
  height: number;
  key: string;
  bytes: number;
}

export interface AssetRow {
  id: string;
  ownerId: number;
  key: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  variants: StoredVariant[];
  createdAt: string;
}

export type NewAsset = Omit<AssetRow, 'id' | 'createdAt'>;

const COLUMNS = `
  id, owner_id as "ownerId", key, content_type as "contentType", bytes, width, height, variants,
  created_at as "createdAt"`;

const INSERT_ASSET = sql(
  'assets.insert',
  `insert into assets (owner_id, key, content_type, bytes, width, height, variants)
   values ($1, $2, $3, $4, $5, $6, $7)
   returning ${COLUMNS}`,
);

// Transaction-level advisory locks in a class of their own: (class, first 32 bits of the hash).
const IMAGE_LOCK_CLASS = 0x1a55e7;
const LOCK_IMAGE_KEYS = sql('assets.lockImageKeys', 'select pg_advisory_xact_lock($1::int, $2::int)');

const KEY_IS_REFERENCED = sql(
  'assets.keyIsReferenced',
  `select exists (select 1 from assets where key = $1) as "referenced"`,
);

export async function insertAsset(db: Queryable, asset: NewAsset): Promise<AssetRow> {
  const row = await queryOne<AssetRow>(db, INSERT_ASSET, [
    asset.ownerId,
    asset.key,
    asset.contentType,
    asset.bytes,
    asset.width,
    asset.height,
    JSON.stringify(asset.variants),
  ]);
  if (!row) throw new Error('insert into assets returned no row');
  return row;
}

/** True when some asset row points at this full-size object key. */
export async function isKeyReferenced(db: Queryable, key: string): Promise<boolean> {
  const rows = await query<{ referenced: boolean }>(db, KEY_IS_REFERENCED, [key]);
  return rows[0]?.referenced ?? false;
}

/**
 * Serialises every transaction storing the image with this hex SHA-256 (its objects' keys derive
 * from it) until the transaction ends. Different images rarely share a lock, and only wait if so.
 */
export async function lockImageKeys(tx: Queryable, hash: string): Promise<void> {
  await query(tx, LOCK_IMAGE_KEYS, [IMAGE_LOCK_CLASS, Number.parseInt(hash.slice(0, 8), 16) | 0]);
}
