// Small real PNG files for the upload steps, drawn here so the tests need no binary fixtures:
// a diagonal two-colour gradient with a light band, easy to recognise on a screenshot.
import { crc32, deflateSync } from 'node:zlib';

export interface PngFile {
  name: string;
  mimeType: 'image/png';
  buffer: Buffer;
}

type Rgb = readonly [number, number, number];

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGB PNG of `width`×`height` blending `from` (top left) into `to` (bottom right). */
export function gradientPng(name: string, width: number, height: number, from: Rgb, to: Rgb): PngFile {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour RGB
  const stride = 1 + width * 3; // each row starts with its filter type (0: none)
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = (x / width + y / height) / 2;
      const band = Math.abs(y - height / 2) < height / 12 ? 60 : 0;
      const offset = y * stride + 1 + x * 3;
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[offset + channel] = Math.min(255, Math.round(from[channel]! * (1 - t) + to[channel]! * t) + band);
      }
    }
  }
  const buffer = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { name, mimeType: 'image/png', buffer };
}
