// Image uploads, and the image files mock mode serves itself under /mock-assets/ (generated
// SVG avatars, covers and figures; uploaded bytes kept in memory).
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_PIXELS, formatBytes, formatPixels } from '@inkwell/rules';
import { HttpResponse, http as mswHttp } from 'msw';

import { mockDb } from '../db';
import {
  MOCK_ASSET_PREFIX,
  VARIANT_WIDTHS,
  mockAssetUrl,
  readImageSize,
  renderGeneratedImage,
  sniffImageType,
} from '../images';
import { http, identify, unauthorizedBody } from './http';

const IMMUTABLE = 'public, max-age=31536000, immutable';

function uuidV4(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isFile = (value: unknown): value is Blob =>
  typeof value === 'object' && value !== null && typeof (value as Blob).arrayBuffer === 'function';

export const assetHandlers = [
  http.post('/assets', async ({ request, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    if (!/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) {
      return response(415).json({ errors: { body: ['must be sent as multipart/form-data'] } });
    }
    const form = await request.formData().catch(() => null);
    const file = form?.get('file');
    if (!isFile(file)) return response(422).json({ errors: { file: ["can't be blank"] } });
    if (file.size > UPLOAD_MAX_BYTES) {
      return response(413).json({ errors: { file: [`is larger than ${formatBytes(UPLOAD_MAX_BYTES)}`] } });
    }

    // The type comes from the bytes, never from the file name or the part's header.
    const data = new Uint8Array(await file.arrayBuffer());
    const mediaType = sniffImageType(data);
    if (!mediaType) return response(415).json({ errors: { file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] } });
    const size = readImageSize(data, mediaType);
    if (!size) return response(422).json({ errors: { file: ['could not be decoded as an image'] } });
    if (size.width * size.height > UPLOAD_MAX_PIXELS) {
      return response(422).json({
        errors: { file: [`has too many pixels (at most ${formatPixels(UPLOAD_MAX_PIXELS)})`] },
      });
    }

    const id = uuidV4();
    const { asset } = mockDb.insertAsset({
      ownerId: user.id,
      data,
      mediaType,
      asset: {
        id,
        url: mockAssetUrl('uploads', `${id}.webp`),
        width: size.width,
        height: size.height,
        // The API re-encodes every upload as WebP; the mock keeps the bytes as they came.
        contentType: 'image/webp',
        bytes: data.byteLength,
        variants: VARIANT_WIDTHS.filter((w) => w < size.width).map((width) => ({
          width,
          url: mockAssetUrl('uploads', `${id}-${width}.webp`),
        })),
      },
    });
    return response(201).json({ asset });
  }),
];

const UPLOAD_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-\d{2,4})?\.webp$/;

/** GET /mock-assets/<kind>/<file>: the images behind every URL the mock hands out. */
export const mockAssetFileHandlers = [
  mswHttp.get(`${MOCK_ASSET_PREFIX}/:kind/:file`, ({ params }) => {
    const kind = String(params.kind);
    const file = String(params.file);
    if (kind === 'uploads') {
      const record = mockDb.assetById(UPLOAD_FILE.exec(file)?.[1] ?? '');
      if (!record) return new HttpResponse(null, { status: 404 });
      return new HttpResponse(record.data, {
        headers: { 'Content-Type': record.mediaType, 'Cache-Control': IMMUTABLE },
      });
    }
    const svg = kind === 'avatars' || kind === 'covers' || kind === 'figures' ? renderGeneratedImage(kind, file) : null;
    if (!svg) return new HttpResponse(null, { status: 404 });
    return new HttpResponse(svg, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': IMMUTABLE } });
  }),
];
