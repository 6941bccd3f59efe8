import { describe, expect, test } from '@jest/globals';
import { Readable } from 'node:stream';
import { readUpload } from '../../src/modules/assets/upload-storage.js';
import * as images from '../fixtures/images/images.js';

/** The bytes as a stream of `chunkSize`-byte chunks, the way multipart parsing hands them over. */
function chunked(bytes: Buffer, chunkSize = 1000): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    })(),
  );
}

/** Counts how many bytes have been pulled from the stream. */
function counting(bytes: Buffer, chunkSize = 64 * 1024): { stream: Readable; consumed: () => number } {
  let consumed = 0;
  const stream = Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkSize) {
        const chunk = bytes.subarray(at, at + chunkSize);
        consumed += chunk.length;
        yield chunk;
      }
    })(),
  );
  return { stream, consumed: () => consumed };
}

describe('readUpload', () => {
  test('When a PNG arrives in small chunks, then it is kept whole with its sniffed type', async () => {
    const png = await images.png(300, 200);

    const outcome = await readUpload(chunked(png, 700), 10_000_000);

    expect(outcome).toEqual({ kind: 'image', type: 'image/png', bytes: png });
  });

  test('When the file is smaller than the sniffing window, then its type is still found', async () => {
    const gif = await images.animatedGif(4, 4, 2);
    expect(gif.length).toBeLessThan(4100);

    const outcome = await readUpload(chunked(gif, 10), 10_000_000);

    expect(outcome).toMatchObject({ kind: 'image', type: 'image/gif' });
  });

  test('When the bytes are text, then the file is refused by type and read to its end', async () => {
    const text = Buffer.concat(Array<Buffer>(100).fill(images.plainText));
    const { stream, consumed } = counting(text, 1000);

    const outcome = await readUpload(stream, 10_000_000);

    expect(outcome).toEqual({ kind: 'unsupportedType' });
    expect(consumed()).toBe(text.length);
  });

  test('When an SVG arrives, then it is refused by type', async () => {
    await expect(readUpload(chunked(images.svgWithScript), 10_000_000)).resolves.toEqual({
      kind: 'unsupportedType',
    });
  });

  test('When the file is one byte over the limit, then it is refused as too large', async () => {
    const limit = 200_000;
    const file = images.oversizeJpegLike(limit + 1);

    await expect(readUpload(chunked(file, 4096), limit)).resolves.toEqual({ kind: 'tooLarge' });
  });

  test('When the file is exactly at the limit, then it is kept', async () => {
    const limit = 200_000;
    const file = images.oversizeJpegLike(limit);

    const outcome = await readUpload(chunked(file, 4096), limit);

    expect(outcome).toMatchObject({ kind: 'image', type: 'image/jpeg' });
    expect(outcome.kind === 'image' && outcome.bytes.length).toBe(limit);
  });

  test('When a text file is also too large, then size is what it is refused for', async () => {
    const file = Buffer.alloc(300_000, 'a');

    await expect(readUpload(chunked(file, 4096), 200_000)).resolves.toEqual({ kind: 'tooLarge' });
  });
});
