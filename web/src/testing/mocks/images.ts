// Images for mock mode, made without any external host: avatars, covers and figures are SVGs
// drawn on the fly from their name (a gradient, shapes, initials), and uploads are kept in
// memory. Every URL points at the page's own origin under /mock-assets/, where the mock
// handlers answer, so `<img src>` works in the browser worker, in Jest and in the standalone
// server alike. URLs are http(s), as the contract demands of `coverImage` and `image`.

/** Where the generated and uploaded images are served. */
export const MOCK_ASSET_PREFIX = '/mock-assets';

/** Widths the mock offers for `srcset`: the contract's, as the API makes them. */
export { ASSET_VARIANT_WIDTHS as VARIANT_WIDTHS } from '@inkwell/rules';

export type GeneratedImageKind = 'avatars' | 'covers' | 'figures';

const SIZES: Record<GeneratedImageKind, { width: number; height: number }> = {
  avatars: { width: 256, height: 256 },
  covers: { width: 1600, height: 900 },
  figures: { width: 1200, height: 675 },
};

let originOverride: string | null = null;

/** Makes image URLs use this origin (the standalone server sets its own); `null` restores the default. */
export function setMockAssetOrigin(origin: string | null): void {
  originOverride = origin === null ? null : origin.replace(/\/+$/, '');
}

/** The page's origin in the browser and in jsdom, `http://localhost` in plain Node. */
export function mockAssetOrigin(): string {
  if (originOverride) return originOverride;
  const origin = typeof location === 'undefined' ? undefined : location.origin;
  return origin && origin !== 'null' ? origin : 'http://localhost';
}

/** The absolute URL of a mock image, e.g. `mockAssetUrl('covers', 'harbour-640.svg')`. */
export function mockAssetUrl(kind: GeneratedImageKind | 'uploads', file: string): string {
  return `${mockAssetOrigin()}${MOCK_ASSET_PREFIX}/${kind}/${file}`;
}

export const avatarUrl = (name: string): string => mockAssetUrl('avatars', `${name}.svg`);
export const coverUrl = (name: string): string => mockAssetUrl('covers', `${name}.svg`);
export const figureUrl = (name: string): string => mockAssetUrl('figures', `${name}.svg`);
/** The avatar every user without a picture gets, so `image` is never empty. */
export const defaultAvatarUrl = (): string => avatarUrl('default');

const NAME = /^([a-z0-9_]+(?:-[a-z0-9_]+)*?)(?:-(\d{2,4}))?\.svg$/;

/**
 * The SVG for a generated image file name such as `ada.svg` or `harbour-640.svg` (a variant
 * `width` wide), or null when the name is not one the mock draws.
 */
export function renderGeneratedImage(kind: GeneratedImageKind, file: string): string | null {
  const match = NAME.exec(file);
  if (!match?.[1]) return null;
  const name = match[1];
  const size = SIZES[kind];
  const width = match[2] ? Number(match[2]) : size.width;
  if (width < 16 || width > 4000) return null;
  const height = Math.round((width * size.height) / size.width);
  const art = kind === 'avatars' ? avatarArt(name) : kind === 'covers' ? coverArt(name) : figureArt(name);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${size.width} ${size.height}" role="img">${art}</svg>`
  );
}

/** FNV-1a: a stable small hash, so the same name always draws the same picture. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function gradient(seed: number, width: number, height: number): string {
  const from = seed % 360;
  const to = (from + 40 + ((seed >> 9) % 80)) % 360;
  return (
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${from} 70% 58%)"/>` +
    `<stop offset="1" stop-color="hsl(${to} 65% 38%)"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/>`
  );
}

function initials(name: string): string {
  const parts = name.split(/[-_]+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[1]?.[0] ?? ''}` : name.slice(0, 2);
  return letters.toUpperCase();
}

function avatarArt(name: string): string {
  if (name === 'default') {
    return (
      `<rect width="256" height="256" fill="#d9dde3"/>` +
      `<circle cx="128" cy="100" r="46" fill="#9aa3ae"/>` +
      `<path d="M40 236c10-52 48-80 88-80s78 28 88 80z" fill="#9aa3ae"/>`
    );
  }
  return (
    gradient(hash(name), 256, 256) +
    `<text x="128" y="128" dy=".35em" text-anchor="middle" fill="#fff" ` +
    `font-family="system-ui, sans-serif" font-size="104" font-weight="600">${initials(name)}</text>`
  );
}

function coverArt(name: string): string {
  const seed = hash(name);
  const circles = [0, 1, 2, 3]
    .map((i) => {
      const s = hash(`${name}:${i}`);
      const cx = s % 1600;
      const cy = (s >> 11) % 900;
      const r = 120 + ((s >> 3) % 260);
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#fff" fill-opacity="${(0.08 + i * 0.04).toFixed(2)}"/>`;
    })
    .join('');
  const crest = 520 + (seed % 160);
  return (
    gradient(seed, 1600, 900) +
    circles +
    `<path d="M0 ${crest} C400 ${crest - 140} 1000 ${crest + 160} 1600 ${crest - 40} V900 H0 Z" ` +
    `fill="#000" fill-opacity="0.18"/>`
  );
}

function figureArt(name: string): string {
  const bars = [0, 1, 2, 3, 4, 5]
    .map((i) => {
      const h = 120 + (hash(`${name}:${i}`) % 380);
      return `<rect x="${140 + i * 160}" y="${575 - h}" width="110" height="${h}" rx="8" fill="hsl(${(hash(name) + i * 25) % 360} 60% 50%)"/>`;
    })
    .join('');
  return (
    `<rect width="1200" height="675" fill="#f7f7f4"/>` +
    `<path d="M100 80 V575 H1100" stroke="#333" stroke-width="4" fill="none"/>` +
    bars
  );
}

// ---------------------------------------------------------------------------------------------
// Uploaded files: the type is decided by the first bytes, as the real API does.

export type SniffedImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/avif';

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/** The image type the bytes start with (JPEG, PNG, GIF, WebP, AVIF), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): SniffedImageType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const boxEnd = Math.min(bytes.length >= 4 ? view.getUint32(0) : 0, bytes.length);
    for (let at = 8; at + 4 <= boxEnd; at += 4) {
      const brand = ascii(bytes, at, 4);
      if (brand === 'avif' || brand === 'avis') return 'image/avif';
    }
  }
  return null;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Reads the pixel size from the image header, or null when the header is cut short or broken. */
export function readImageSize(bytes: Uint8Array, type: SniffedImageType): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (end: number): boolean => bytes.length >= end;
  let size: ImageSize | null = null;
  switch (type) {
    case 'image/png':
      if (has(24) && ascii(bytes, 12, 4) === 'IHDR') size = { width: view.getUint32(16), height: view.getUint32(20) };
      break;
    case 'image/gif':
      if (has(10)) size = { width: view.getUint16(6, true), height: view.getUint16(8, true) };
      break;
    case 'image/jpeg':
      size = jpegSize(bytes, view);
      break;
    case 'image/webp':
      size = webpSize(bytes, view);
      break;
    case 'image/avif': {
      const at = indexOfAscii(bytes, 'ispe');
      if (at >= 0 && has(at + 16)) size = { width: view.getUint32(at + 8), height: view.getUint32(at + 12) };
      break;
    }
  }
  return size && size.width > 0 && size.height > 0 ? size : null;
}

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Start-of-frame markers carry the size; DHT (C4), JPG (C8) and DAC (CC) share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    const standalone = marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
    at += standalone ? 2 : 2 + view.getUint16(at + 2);
  }
  return null;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const b = (i: number): number => bytes[21 + i] ?? 0;
    return {
      width: 1 + (((b(1) & 0x3f) << 8) | b(0)),
      height: 1 + (((b(3) & 0x0f) << 10) | (b(2) << 2) | ((b(1) & 0xc0) >> 6)),
    };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const u24 = (i: number): number => (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16);
    return { width: 1 + u24(24), height: 1 + u24(27) };
  }
  return null;
}

function indexOfAscii(bytes: Uint8Array, text: string): number {
  const codes = [...text].map((c) => c.charCodeAt(0));
  outer: for (let i = 0; i + codes.length <= bytes.length; i += 1) {
    for (let j = 0; j < codes.length; j += 1) if (bytes[i + j] !== codes[j]) continue outer;
    return i;
  }
  return -1;
}
