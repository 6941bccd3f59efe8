import { unwrap, uploadAsset as postAsset, type UploadAssetOptions } from '@inkwell/client';
import type { components } from '@inkwell/openapi';

import { api } from './api-client';

export type Asset = components['schemas']['AssetResponse']['asset'];

/** What `POST /assets` accepts, from the contract (the API decides by content; this only saves a pointless upload). */
export { ACCEPTED_IMAGE_TYPES } from '@inkwell/rules';

/**
 * Uploads one image (`POST /assets`) with the session's token and reports progress as its bytes
 * go out (the client sends it through XMLHttpRequest for that).
 */
export async function uploadAsset(
  file: File,
  options: Pick<UploadAssetOptions, 'onProgress' | 'signal'> = {},
): Promise<Asset> {
  const { asset } = await unwrap(postAsset(api, file, options));
  return asset;
}
