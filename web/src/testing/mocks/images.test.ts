// The mock decides an upload's type and size from its bytes, and draws its own pictures.
import { describe, expect, test } from '@jest/globals';

import { readImageSize, renderGeneratedImage, sniffImageType } from './images';
import { pngBytes } from './test-client';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const u16le = (n: number): number[] => [n & 0xff, n >> 8];
const u16be = (n: number): number[] => [n >> 8, n & 0xff];
const u32be = (n: number): number[] => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const u24le = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];

function vp8l(width: number, height: number): number[] {
  const bits = (width - 1) | ((height - 1) << 14);
  return [0x2f, bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, (bits >>> 24) & 0xff];
}

const samples: [string, Uint8Array, string, { width: number; height: number }][] = [
  ['PNG', pngBytes(640, 480), 'image/png', { width: 640, height: 480 }],
  ['GIF', bytes('GIF89a', u16le(300), u16le(200), [0, 0, 0]), 'image/gif', { width: 300, height: 200 }],
  [
    'JPEG with an APP0 segment before the frame',
    bytes(
      [0xff, 0xd8, 0xff, 0xe0],
      u16be(16),
      'JFIF\0',
      new Array<number>(9).fill(0),
      [0xff, 0xc0],
      u16be(17),
      [8],
      u16be(1080),
      u16be(1920),
      new Array<number>(12).fill(0),
    ),
    'image/jpeg',
    { width: 1920, height: 1080 },
  ],
  [
    'lossy WebP',
    bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ', [0, 0, 0, 0], [0, 0, 0], [0x9d, 0x01, 0x2a], u16le(800), u16le(600)),
    'image/webp',
    { width: 800, height: 600 },
  ],
  [
    'lossless WebP',
    bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8L', [0, 0, 0, 0], vp8l(1023, 77)),
    'image/webp',
    { width: 1023, height: 77 },
  ],
  [
    'extended WebP',
    bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0], [0, 0, 0, 0], u24le(4095), u24le(2999)),
    'image/webp',
    { width: 4096, height: 3000 },
  ],
  [
    'AVIF',
    bytes(u32be(24), 'ftypavif', [0, 0, 0, 0], 'mif1avif', u32be(20), 'ispe', [0, 0, 0, 0], u32be(1200), u32be(900)),
    'image/avif',
    { width: 1200, height: 900 },
  ],
];

describe('uploaded image bytes', () => {
  test.each(samples)('When a %s is read, then its type and size come from the bytes', (_name, data, type, size) => {
    const sniffed = sniffImageType(data);

    expect(sniffed).toBe(type);
    expect(sniffed && readImageSize(data, sniffed)).toEqual(size);
  });

  test('When the bytes are SVG or text, then no image type is found', () => {
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(bytes('plain text, named photo.png'))).toBeNull();
  });

  test('When a PNG is cut short before its header ends, then its size cannot be read', () => {
    const cut = pngBytes(10, 10).subarray(0, 20);

    expect(sniffImageType(cut)).toBe('image/png');
    expect(readImageSize(cut, 'image/png')).toBeNull();
  });
});

describe('generated pictures', () => {
  test('When the same avatar is drawn twice, then it is identical and shows the initials', () => {
    const first = renderGeneratedImage('avatars', 'mira-chen.svg');

    expect(first).toBe(renderGeneratedImage('avatars', 'mira-chen.svg'));
    expect(first).toContain('>MC</text>');
  });

  test('When a name is not a plain file name, then nothing is drawn', () => {
    expect(renderGeneratedImage('covers', '<script>.svg')).toBeNull();
    expect(renderGeneratedImage('covers', 'sea.png')).toBeNull();
    expect(renderGeneratedImage('covers', 'sea-9999.svg')).toBeNull();
  });
});
