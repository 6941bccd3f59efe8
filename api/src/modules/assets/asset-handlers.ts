// HTTP binding for image uploads. The multipart body has already been read by the validator's
// multer with imageUploadStorage(); the outcome of that read is what the service gets.
import type { OperationHandler } from '../../http/operation.js';
import { requireUser } from '../../tokens.js';
import { toAssetDto } from './asset-mapper.js';
import * as assetService from './asset-service.js';
import { uploadedFile } from './upload-storage.js';

export const createAsset: OperationHandler<'createAsset'> = async ({ req, user, deps }) => {
  const owner = requireUser(user);
  const asset = await assetService.createAsset(deps, owner.id, uploadedFile(req, 'file'));
  return { status: 201, body: { asset: toAssetDto(asset, deps.objectStore) } };
};
