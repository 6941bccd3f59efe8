import { UPLOAD_MAX_BYTES, formatBytes } from '@inkwell/rules';
import type { Logger } from 'pino';
import { pgCode } from '../../db/errors.js';
import type { Queryable } from '../../db/pool.js';
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
import { insertAsset, isKeyReferenced, type AssetRow, type StoredVariant } from './asset-repository.js';
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
  db: Queryable;
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
 * object store and then records it. Objects are written before the row and removed again when the
 * row cannot be written, so a row never points at missing objects.
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

  const image = await processQueued(deps.imageProcessing, upload.bytes);
  const key = `a/${image.hash}.webp`;
  const variants = image.variants.map((rendition) => ({ key: `a/${image.hash}-${rendition.width}.webp`, rendition }));
  const objects: StoredObject[] = [{ key, rendition: image.full }, ...variants];
  // Written even when the same bytes were stored before: a PUT of identical content is harmless,
  // and it repairs objects lost from under an existing row.
  await writeObjects(deps, image.contentType, objects);

  try {
    return await insertAsset(deps.db, {
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
    });
  } catch (error) {
    await removeUnreferenced(
      deps,
      key,
      objects.map((object) => object.key),
    );
    // foreign_key_violation: the token's user was deleted meanwhile.
    if (pgCode(error) === '23503') throw unauthorized();
    throw error;
  }
}

async function processQueued(queue: WorkQueue, bytes: Buffer): Promise<ProcessedImage> {
  try {
    return await queue.run(() => processImage(bytes));
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
  const written = objects.filter((_, i) => results[i]?.status === 'fulfilled').map((object) => object.key);
  if (written.length > 0) await deleteQuietly(deps, written);
  throw serviceUnavailable('objectStore', failure.reason);
}

// Objects are shared by every row with the same key: only remove them when no row refers to them.
// If that cannot be known (the database is down), remove them: a row inserted meanwhile with the
// same bytes is far less likely than the database failure that brought us here.
async function removeUnreferenced(deps: AssetServiceDeps, key: string, keys: string[]): Promise<void> {
  const referenced = await isKeyReferenced(deps.db, key).catch(() => false);
  if (!referenced) await deleteQuietly(deps, keys);
}

async function deleteQuietly(deps: AssetServiceDeps, keys: string[]): Promise<void> {
  try {
    await deps.objectStore.delete(keys);
  } catch (error) {
    deps.logger.warn({ err: error, keys }, 'could not remove orphaned objects');
  }
}
