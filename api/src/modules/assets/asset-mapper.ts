import type { components } from '@inkwell/openapi';
import type { ObjectStore } from '../../storage/s3.js';
import type { AssetRow } from './asset-repository.js';

type AssetDto = components['schemas']['Asset'];

/** The row as the contract spells it, with URLs browsers read straight from the object store. */
export function toAssetDto(row: AssetRow, store: Pick<ObjectStore, 'publicUrl'>): AssetDto {
  return {
    id: row.id,
    url: store.publicUrl(row.key),
    width: row.width,
    height: row.height,
    contentType: row.contentType as AssetDto['contentType'],
    bytes: row.bytes,
    variants: row.variants.map((variant) => ({ width: variant.width, url: store.publicUrl(variant.key) })),
  };
}
