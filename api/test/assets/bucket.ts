// Reads the test bucket over plain HTTP, the way a browser (or anyone) sees the public objects:
// the local S3 server serves listings and objects without signatures.
import type pg from 'pg';
import type { AssetRow } from '../../src/modules/assets/asset-repository.js';

/** Every key under `prefix` in the bucket at `bucketUrl` (http://host:port/bucket). */
export async function listKeys(bucketUrl: string, prefix = ''): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const url = new URL(bucketUrl);
    url.searchParams.set('list-type', '2');
    url.searchParams.set('prefix', prefix);
    if (token) url.searchParams.set('continuation-token', token);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`listing ${url} answered ${res.status}`);
    const xml = await res.text();
    for (const match of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.add(decodeXml(match[1] ?? ''));
    token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
      ? decodeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] ?? '')
      : undefined;
  } while (token);
  return keys;
}

/** The object at `url` with the headers that matter to browsers and caches. */
export async function fetchObject(
  url: string,
): Promise<{ status: number; contentType: string | null; cacheControl: string | null; body: Buffer }> {
  const res = await fetch(url);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    cacheControl: res.headers.get('cache-control'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** HEAD of the object at `url`. */
export async function headObject(
  url: string,
): Promise<{ status: number; contentType: string | null; cacheControl: string | null; contentLength: number }> {
  const res = await fetch(url, { method: 'HEAD' });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    cacheControl: res.headers.get('cache-control'),
    contentLength: Number(res.headers.get('content-length')),
  };
}

export type AssetRecord = Omit<AssetRow, 'createdAt'>;

/** The rows of `assets`, optionally only those of one owner. */
export async function assetRows(db: pg.Pool, ownerId?: number): Promise<AssetRecord[]> {
  const { rows } = await db.query<AssetRecord>(
    `select id, owner_id as "ownerId", key, content_type as "contentType", bytes, width, height, variants
     from assets where $1::bigint is null or owner_id = $1 order by created_at, id`,
    [ownerId ?? null],
  );
  return rows;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
