// HTTP binding for image uploads. The multipart body has already been read by the validator's
// multer with imageUploadStorage(); the outcome of that read is what the service gets.
import { requireUser } from '../../http/auth.js';
import type { HandlerDeps, OperationHandler } from '../../http/operation.js';
import { toAssetDto } from './asset-mapper.js';
import * as assetService from './asset-service.js';
import { createUploadRateLimiter } from './upload-rate-limit.js';
import { uploadedFile } from './upload-storage.js';
import { createWorkQueue } from './work-queue.js';

/** Uploads per user per window: generous for writing an illustrated article, a brake on abuse. */
export const UPLOAD_RATE_LIMIT = { max: 30, windowSeconds: 300 };
// Images decoded at once per process, and how many more may wait. A job already runs on libvips'
// threads (sharp.concurrency()) and a 12-megapixel photo takes ~90 MiB while it is encoded; API
// replicas share the host's cores, so one job per process keeps them busy without multiplying
// peak memory. Queued uploads hold only their compressed bytes (at most 10 MiB each).
const PROCESSING = { concurrency: 1, maxQueued: 16 };

// One processing queue and one rate limiter per app (deps are created once per app).
const serviceDeps = new WeakMap<HandlerDeps, assetService.AssetServiceDeps>();

function assetServiceDeps(deps: HandlerDeps): assetService.AssetServiceDeps {
  let found = serviceDeps.get(deps);
  if (!found) {
    found = {
      db: deps.db,
      objectStore: deps.objectStore,
      logger: deps.logger,
      processing: createWorkQueue(PROCESSING),
      rateLimiter: createUploadRateLimiter(deps.db, UPLOAD_RATE_LIMIT),
    };
    serviceDeps.set(deps, found);
  }
  return found;
}

export const createAsset: OperationHandler<'createAsset'> = async ({ req, user, deps }) => {
  const owner = requireUser(user);
  const asset = await assetService.createAsset(assetServiceDeps(deps), owner.id, uploadedFile(req, 'file'));
  return { status: 201, body: { asset: toAssetDto(asset, deps.objectStore) } };
};
