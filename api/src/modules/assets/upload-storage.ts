// The multer storage engine for image uploads. express-openapi-validator parses multipart bodies
// with multer; this engine reads the file's stream as it arrives, decides its type from the first
// bytes and keeps it in memory only while it is an accepted image within the size limit. Anything
// else is read and thrown away, so a refused upload never holds more than one sniffing window.
import { UPLOAD_MAX_BYTES } from '@inkwell/rules';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { StorageEngine } from 'multer';
import { detectImageType, type AcceptedImageType } from './image-processing.js';

// file-type looks at most this many leading bytes.
const SNIFF_BYTES = 4100;

/** What became of one uploaded file. */
export type UploadOutcome =
  { kind: 'image'; type: AcceptedImageType; bytes: Buffer } | { kind: 'unsupportedType' } | { kind: 'tooLarge' };

type UploadedFile = Express.Multer.File & { upload?: UploadOutcome };

/**
 * Multer limits for upload requests: a few files (the validator answers 422 to a second `file`)
 * and small fields; more parts than that are multer's 413. The file size is enforced by the engine
 * itself, so an oversize file is answered in our error shape rather than multer's.
 */
export const uploadLimits = {
  files: 3,
  fields: 4,
  parts: 7,
  fieldSize: 1024,
  headerPairs: 50,
} as const;

/**
 * A multer StorageEngine that sniffs and buffers the first file of `field` up to `maxBytes`.
 * Any other file is read and discarded.
 */
export function imageUploadStorage(field = 'file', maxBytes = UPLOAD_MAX_BYTES): StorageEngine {
  const keeping = new WeakSet<object>();
  return {
    _handleFile(req, file, callback) {
      const wanted = file.fieldname === field && !keeping.has(req);
      if (!wanted) {
        discard(file.stream).then(() => callback(null, { size: 0 }), callback);
        return;
      }
      keeping.add(req);
      readUpload(file.stream, maxBytes).then(
        (upload) =>
          callback(null, { size: upload.kind === 'image' ? upload.bytes.length : 0, upload } as Partial<UploadedFile>),
        (error: unknown) => callback(error),
      );
    },
    _removeFile(_req, file, callback) {
      delete (file as UploadedFile).upload;
      callback(null);
    },
  };
}

/** The outcome for the multipart field `field`, or undefined when no such file was sent. */
export function uploadedFile(req: Request, field: string): UploadOutcome | undefined {
  const files = Array.isArray(req.files) ? (req.files as UploadedFile[]) : [];
  return files.find((file) => file.fieldname === field && file.upload)?.upload;
}

async function discard(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream);
}

/** Reads `stream` to its end, keeping its bytes only while they are an accepted image within `maxBytes`. */
export async function readUpload(stream: Readable, maxBytes: number): Promise<UploadOutcome> {
  const chunks: Buffer[] = [];
  let received = 0;
  let verdict: 'sniffing' | 'keep' | 'unsupportedType' | 'tooLarge' = 'sniffing';
  let type: AcceptedImageType | undefined;

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    received += chunk.length;
    // Size wins over type: an oversize file is refused as such whatever it contains.
    if (received > maxBytes) {
      verdict = 'tooLarge';
      chunks.length = 0;
    }
    if (verdict === 'unsupportedType' || verdict === 'tooLarge') continue;
    chunks.push(chunk);
    if (verdict === 'sniffing' && received >= SNIFF_BYTES) {
      type = await detectImageType(Buffer.concat(chunks));
      verdict = type ? 'keep' : 'unsupportedType';
      if (!type) chunks.length = 0;
    }
  }

  if (verdict === 'tooLarge') return { kind: 'tooLarge' };
  if (verdict === 'sniffing') type = await detectImageType(Buffer.concat(chunks));
  if (verdict === 'unsupportedType' || !type) return { kind: 'unsupportedType' };
  return { kind: 'image', type, bytes: Buffer.concat(chunks, received) };
}
