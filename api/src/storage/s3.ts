import type { Readable } from 'node:stream';
import { DeleteObjectsCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Where and how objects are stored; credentials come from the AWS SDK's own provider chain. */
export interface StorageConfig {
  /** Empty or undefined means AWS itself; otherwise an S3-compatible endpoint URL. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  forcePathStyle: boolean;
  /** Base URL browsers read objects from, without a trailing slash (ASSET_PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** How long check() waits for the bucket before declaring the store down. Default 2000 ms. */
  checkTimeoutMs?: number;
  /** How long one put() may take, retries included, before it fails. Default 20000 ms. */
  putTimeoutMs?: number;
}

export interface PutOptions {
  contentType: string;
  cacheControl: string;
  /** Required when body is a stream: PutObject must announce its length up front. */
  contentLength?: number;
}

/** The object store as the rest of the API sees it; the only code that speaks S3. */
export interface ObjectStore {
  put(key: string, body: Buffer | Readable, opts: PutOptions): Promise<void>;
  delete(keys: string[]): Promise<void>;
  publicUrl(key: string): string;
  /** Throws when the store is unreachable or the bucket is missing (HeadBucket, short timeout). */
  check(): Promise<void>;
}

const DEFAULT_CHECK_TIMEOUT_MS = 2000;
const DEFAULT_PUT_TIMEOUT_MS = 20_000;
// S3 accepts at most 1000 keys per DeleteObjects request.
const DELETE_BATCH = 1000;

/**
 * Builds the S3-backed object store.
 *
 * Uploads use a single PutObject with a known length rather than @aws-sdk/lib-storage's
 * multipart Upload: every object we write is a processed image already in memory (its key is the
 * hash of its bytes, so it must be complete before it is named), well under S3's 5 GiB PutObject
 * limit, and one request per object is cheaper than a multipart round trip. A stream is accepted
 * when its length is known.
 */
export function createObjectStore(config: StorageConfig): ObjectStore {
  keepNode20SupportNoticeQuiet();
  const endpoint = config.endpoint?.trim() || undefined;
  const client = new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    // With the default (WHEN_SUPPORTED) a streamed body is sent aws-chunked, which S3-compatible
    // servers may store verbatim, framing included.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that accepts connections but never answers must not hold requests for minutes.
    requestHandler: { connectionTimeout: 2000, requestTimeout: 10_000 },
  });
  const baseUrl = config.publicBaseUrl.replace(/\/+$/, '');
  const checkTimeoutMs = config.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const putTimeoutMs = config.putTimeoutMs ?? DEFAULT_PUT_TIMEOUT_MS;

  return {
    async put(key, body, opts) {
      const contentLength = Buffer.isBuffer(body) ? body.length : opts.contentLength;
      if (contentLength === undefined) {
        throw new TypeError(`put(${key}): a stream body needs opts.contentLength`);
      }
      await client.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: key,
          Body: body,
          ContentType: opts.contentType,
          CacheControl: opts.cacheControl,
          ContentLength: contentLength,
        }),
        { abortSignal: AbortSignal.timeout(putTimeoutMs) },
      );
    },

    async delete(keys) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const out = await client.send(
          new DeleteObjectsCommand({
            Bucket: config.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = out.Errors ?? [];
        if (failed.length > 0) {
          const first = failed[0];
          throw new Error(
            `could not delete ${failed.length} object(s), first ${first?.Key}: ${first?.Code} ${first?.Message}`,
          );
        }
      }
    },

    publicUrl(key) {
      return `${baseUrl}/${key}`;
    },

    async check() {
      await client.send(new HeadBucketCommand({ Bucket: config.bucket }), {
        abortSignal: AbortSignal.timeout(checkTimeoutMs),
      });
    },
  };
}

/**
 * On Node 20 the SDK's first client in a process prints a NodeVersionSupportWarning (its releases
 * after January 2027 need Node 22). We support Node 20.19+ until then, so there it is only noise in
 * the operator's log. The SDK reads its documented switch
 * (https://github.com/aws/aws-sdk-js-v3/issues/7983) when a client is made. From Node 22 on it is
 * left alone, so a future notice about those versions still shows; an operator's own setting wins.
 */
function keepNode20SupportNoticeQuiet(): void {
  if (process.versions.node.startsWith('20.')) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  }
}
