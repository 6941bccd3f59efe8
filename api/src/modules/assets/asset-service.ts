import { UPLOAD_MAX_BYTES, formatBytes } from '@inkwell/rules';
import type pg from 'pg';
import type { Logger } from 'pino';
import { pgCode } from '../../db/errors.js';
import { withSavepoint, withTransaction } from '../../db/tx.js';
import type { UploadRateLimiter } from '../../deps.js';
import {
  AppError,
  payloadTooLarge,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  unprocessable,
  unsupportedMediaType,
} from '../../errors.js';
import type { ObjectStore } from '../../storage/s3.js';
import { QueueFullError, createWorkQueue, type WorkQueue } from '../../work-queue.js';
import { insertAsset, isKeyReferenced, lockImageKeys, type AssetRow, type StoredVariant } from './asset-repository.js';
import { ImageRejectedError, processImage, type ProcessedImage, type Rendition } from './image-processing.js';
import type { UploadOutcome } from './upload-storage.js';

/** Every stored rendition is immutable: its key changes whenever its bytes do. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

// Images decoded at once per process, and how many more may wait. A job already runs on libvips'
// threads (sharp.concurrency()) and a 12-megapixel photo takes ~90 MiB while it is encoded; API
// replicas share the host's cores, so one job per process keeps them busy without multiplying
// peak memory. Queued uploads hold only their compressed bytes (at most UPLOAD_MAX_BYTES each).
const IMAGE_PROCESSING = { concurrency: 1, maxQueued: 16 };

interface StoredObject {
  key: string;
  rendition: Rendition;
}

export interface AssetServiceDeps {
  db: pg.Pool;
  config: { assets: { maxDimension: number } };
  objectStore: ObjectStore;
  logger: Logger;
  /** Bounds how many images are decoded at once (memory and CPU); one per app. */
  imageProcessing: WorkQueue;
  uploadRateLimiter: UploadRateLimiter;
}

/** The queue createAsset decodes images on; createApp builds one per app. */
export function createImageProcessingQueue(): WorkQueue {
  return createWorkQueue(IMAGE_PROCESSING);
}

/**
 * Stores one uploaded image for `ownerId`: checks it, processes it, writes every rendition to the
 * object store and then records it. Objects are written before the row, so a row never points at
 * missing objects; when the upload fails they are removed again, unless another asset uses them.
 */
export async function createAsset(
  deps: AssetServiceDeps,
  ownerId: number,
  upload: UploadOutcome | undefined,
): Promise<AssetRow> {
  const rate = await deps.uploadRateLimiter.hit(ownerId);
  if (rate.limited) {
    throw tooManyRequests('file', 'too many uploads, retry later', rate.retryAfterSeconds);
  }
  if (upload === undefined) throw unprocessable({ file: ["can't be blank"] });
  if (upload.kind === 'tooLarge') throw payloadTooLarge('file', `is larger than ${formatBytes(UPLOAD_MAX_BYTES)}`);
  if (upload.kind === 'unsupportedType') {
    throw unsupportedMediaType('file', 'must be a JPEG, PNG, WebP, AVIF or GIF image');
  }

  const image = await processQueued(deps.imageProcessing, upload.bytes, deps.config.assets.maxDimension);
  const key = `a/${image.hash}.webp`;
  const variants = image.variants.map((rendition) => ({ key: `a/${image.hash}-${rendition.width}.webp`, rendition }));
  const objects: StoredObject[] = [{ key, rendition: image.full }, ...variants];
  const row = {
    ownerId,
    key,
    contentType: image.contentType,
    bytes: image.full.data.length,
    width: image.full.width,
    height: image.full.height,
    variants: variants.map(({ key: variantKey, rendition }): StoredVariant => ({
      key: variantKey,
      width: rendition.width,
      height: rendition.height,
      bytes: rendition.data.length,
    })),
  };

  // Keys are content-addressed: other assets may already use these very objects. Every upload of
  // the same image takes the same transaction lock first, so while it is held no other upload can
  // add a row for these keys or remove their objects: what no row refers to now stays unreferenced
  // until this transaction ends, and only then may a failed upload remove the objects.
  return withTransaction(deps.db, async (tx) => {
    await lockImageKeys(tx, image.hash);
    const shared = await isKeyReferenced(tx, key);
    try {
      // Written even when another asset has the same bytes: a PUT of identical content is
      // harmless, and it repairs objects lost from under an existing row.
      await writeObjects(deps, image.contentType, objects);
      return await withSavepoint(tx, () => insertAsset(tx, row));
    } catch (error) {
      if (!shared) await removeIfUnreferenced(deps, tx, key, objects);
      // foreign_key_violation: the token's user was deleted meanwhile.
      if (pgCode(error) === '23503') throw unauthorized();
      throw error;
    }
  });
}

async function processQueued(queue: WorkQueue, bytes: Buffer, maxDimension: number): Promise<ProcessedImage> {
  try {
    return await queue.run(() => processImage(bytes, { maxDimension }));
  } catch (error) {
    if (error instanceof QueueFullError) {
      throw new AppError(
        503,
        { file: ['cannot be processed right now, retry later'] },
        { cause: error, headers: { 'Retry-After': '2' } },
      );
    }
    if (error instanceof ImageRejectedError) {
      const status = error.reason === 'unsupportedType' ? 415 : 422;
      throw new AppError(status, { file: [error.message] }, { cause: error });
    }
    throw error;
  }
}

async function writeObjects(deps: AssetServiceDeps, contentType: string, objects: StoredObject[]): Promise<void> {
  const results = await Promise.allSettled(
    objects.map(({ key, rendition }) =>
      deps.objectStore.put(key, rendition.data, { contentType, cacheControl: IMMUTABLE_CACHE_CONTROL }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (!failure) return;
  deps.logger.warn({ err: failure.reason, key: objects[0]?.key }, 'could not write an image to the object store');
  throw serviceUnavailable('objectStore', failure.reason);
}

/**
 * Removes the objects of a failed upload, under its lock, when still no row refers to them. When
 * that cannot be asked (the connection, and with it the lock, is gone), they stay: an orphaned
 * object costs storage, a removed one breaks another asset.
 */
async function removeIfUnreferenced(
  deps: AssetServiceDeps,
  tx: pg.PoolClient,
  key: string,
  objects: StoredObject[],
): Promise<void> {
  const referenced = await isKeyReferenced(tx, key).catch(() => true);
  if (!referenced)
    await deleteQuietly(
      deps,
      objects.map((object) => object.key),
    );
}

async function deleteQuietly(deps: AssetServiceDeps, keys: string[]): Promise<void> {
  try {
    await deps.objectStore.delete(keys);
  } catch (error) {
    deps.logger.warn({ err: error, keys }, 'could not remove orphaned objects');
  }
}
