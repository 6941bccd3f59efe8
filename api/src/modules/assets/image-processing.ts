import { createHash } from 'node:crypto';
import { ACCEPTED_IMAGE_TYPES, ASSET_VARIANT_WIDTHS, UPLOAD_MAX_PIXELS, formatPixels } from '@inkwell/rules';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata, type Sharp, type WebpOptions } from 'sharp';

/** A media type the contract accepts on upload, decided from the bytes, never from a name or a header. */
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

// sharp's name for the format of each accepted type (AVIF is read by the HEIF loader). A type the
// contract adds fails compilation here until it is given one.
const DECODERS: Record<AcceptedImageType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'heif',
  'image/gif': 'gif',
};
const ACCEPTED_DECODERS = new Set(Object.values(DECODERS));

export const OUTPUT_CONTENT_TYPE = 'image/webp';

// WebP cannot encode a side longer than this; larger inputs are scaled down to fit.
const WEBP_MAX_DIMENSION = 16383;
// Effort 2 encodes a 12-megapixel photo about twice as fast as the default 4 at a similar size.
const WEBP_OPTIONS: WebpOptions = { quality: 80, effort: 2 };

export type ImageRejectionReason = 'unsupportedType' | 'tooManyPixels' | 'undecodable';

/** The input is not an image we accept; `reason` says why. */
export class ImageRejectedError extends Error {
  constructor(
    readonly reason: ImageRejectionReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImageRejectedError';
  }
}

export interface Rendition {
  data: Buffer;
  width: number;
  height: number;
}

export interface ProcessedImage {
  contentType: typeof OUTPUT_CONTENT_TYPE;
  /** Hex SHA-256 of the full-size rendition's bytes: the basis of every object key. */
  hash: string;
  full: Rendition;
  /** Strictly narrower than `full`, narrowest first. */
  variants: Rendition[];
}

/** The accepted image type of these leading bytes, or undefined (SVG, text, anything else). */
export async function detectImageType(head: Uint8Array): Promise<AcceptedImageType | undefined> {
  const mime = (await fileTypeFromBuffer(head))?.mime;
  return isAcceptedImageType(mime) ? mime : undefined;
}

export function isAcceptedImageType(mime: string | undefined): mime is AcceptedImageType {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(mime ?? '');
}

export interface ProcessOptions {
  /** The long side of the stored image, at most (ASSET_MAX_DIMENSION); larger ones are scaled down. */
  maxDimension?: number;
}

/**
 * Decodes an uploaded image and re-encodes it as upright WebP without any metadata, at full size
 * (within `maxDimension` on its long side) and at each narrower variant width. Animated GIF and
 * WebP stay animated.
 *
 * The pixel count is read from the header and checked before anything is decoded, so a
 * decompression bomb costs a header parse, not its decoded size in memory.
 */
export async function processImage(input: Buffer, options: ProcessOptions = {}): Promise<ProcessedImage> {
  const maxDimension = Math.min(options.maxDimension ?? WEBP_MAX_DIMENSION, WEBP_MAX_DIMENSION);
  const header = await readHeader(input);
  // libvips picks its loader from the bytes too; only ever let it use the loaders of accepted types
  // (never SVG, PDF, TIFF, raw formats...), whatever the sniffing upstream concluded.
  if (!ACCEPTED_DECODERS.has(header.format)) {
    throw new ImageRejectedError('unsupportedType', 'must be a JPEG, PNG, WebP, AVIF or GIF image');
  }
  const animated = (header.pages ?? 1) > 1;
  const frames = animated ? (header.pages ?? 1) : 1;
  const frameHeight = animated ? (header.pageHeight ?? header.height) : header.height;
  // All frames of an animation count together.
  if (header.width * frameHeight * frames > UPLOAD_MAX_PIXELS) {
    throw new ImageRejectedError('tooManyPixels', `has too many pixels (at most ${formatPixels(UPLOAD_MAX_PIXELS)})`);
  }

  // sharp converts the pixels to sRGB through any embedded ICC profile, then leaves EXIF, XMP,
  // IPTC and the profile out of the output unless told to keep them (withMetadata and friends are
  // never called here); rotate() applies the EXIF orientation first.
  const source = sharp(input, {
    animated,
    limitInputPixels: UPLOAD_MAX_PIXELS,
    // Refuse truncated or corrupt data, but not the harmless warnings many cameras' files raise.
    failOn: 'error',
  }).rotate();

  try {
    const full = await render(source, { width: maxDimension, height: maxDimension });
    const variants: Rendition[] = [];
    for (const width of ASSET_VARIANT_WIDTHS) {
      if (width >= full.width) break;
      variants.push(await render(source, { width }));
    }
    const hash = createHash('sha256').update(full.data).digest('hex');
    return { contentType: OUTPUT_CONTENT_TYPE, hash, full, variants };
  } catch (err) {
    throw new ImageRejectedError('undecodable', 'could not be decoded as an image', { cause: err });
  }
}

async function readHeader(input: Buffer): Promise<Metadata> {
  try {
    const header = await sharp(input, { limitInputPixels: false }).metadata();
    if (!header.width || !header.height) throw new Error('no dimensions in the header');
    return header;
  } catch (err) {
    throw new ImageRejectedError('undecodable', 'could not be decoded as an image', { cause: err });
  }
}

// Sequential: sharp.concurrency() is 1 here, and one decode at a time keeps peak memory flat.
async function render(source: Sharp, box: { width: number; height?: number }): Promise<Rendition> {
  const { data, info } = await source
    .clone()
    .resize({ ...box, fit: 'inside', withoutEnlargement: true })
    .webp(WEBP_OPTIONS)
    .toBuffer({ resolveWithObject: true });
  // For an animation info.height is the whole strip of frames; report one frame.
  const height = info.pageHeight ?? info.height;
  return { data, width: info.width, height };
}
