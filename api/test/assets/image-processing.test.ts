import { describe, expect, test } from '@jest/globals';
import { UPLOAD_MAX_PIXELS } from '@inkwell/rules';
import sharp from 'sharp';
import { detectImageType, ImageRejectedError, processImage } from '../../src/modules/assets/image-processing.js';
import * as images from '../fixtures/images/images.js';
import { exifIfd0Tags, TIFF_TAG_GPS_IFD, TIFF_TAG_ORIENTATION, webpChunks } from '../fixtures/images/metadata.js';

describe('detectImageType', () => {
  test('When the bytes are JPEG, PNG, WebP, AVIF or GIF, then the type is named from the bytes', async () => {
    const samples = {
      'image/jpeg': await images.jpegWithGpsAndOrientation(),
      'image/png': await images.png(10, 10),
      'image/webp': await images.webp(10, 10),
      'image/avif': await images.avif(16, 16),
      'image/gif': await images.animatedGif(10, 10, 2),
    };

    for (const [expected, bytes] of Object.entries(samples)) {
      expect(await detectImageType(bytes.subarray(0, 4100))).toBe(expected);
    }
  });

  test('When the bytes are SVG or plain text, then no accepted type is found', async () => {
    expect(await detectImageType(images.svgWithScript)).toBeUndefined();
    expect(await detectImageType(images.plainText)).toBeUndefined();
  });
});

describe('processImage', () => {
  test('When a JPEG carries orientation 6 and GPS, then the output is upright WebP with no metadata', async () => {
    const input = await images.jpegWithGpsAndOrientation(400, 200);
    const inputMeta = await sharp(input).metadata();
    expect(inputMeta.orientation).toBe(6);
    expect(exifIfd0Tags(inputMeta.exif ?? Buffer.alloc(0))).toEqual(
      expect.arrayContaining([TIFF_TAG_GPS_IFD, TIFF_TAG_ORIENTATION]),
    );

    const out = await processImage(input);

    expect(out.full).toMatchObject({ width: 200, height: 400 });
    const meta = await sharp(out.full.data).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 200, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(webpChunks(out.full.data)).toEqual(['VP8 ']);
  });

  test('When an image carries a Display P3 profile, then its colours are converted to sRGB before the profile goes', async () => {
    const input = await images.displayP3Png([200, 100, 60]);
    const stored = await sharp(input, { ignoreIcc: true }).raw().toBuffer();
    expect([...stored.subarray(0, 3)]).not.toEqual([200, 100, 60]);

    const out = await processImage(input);

    expect((await sharp(out.full.data).metadata()).icc).toBeUndefined();
    const pixel = [...(await sharp(out.full.data).raw().toBuffer()).subarray(0, 3)];
    [200, 100, 60].forEach((value, channel) => expect(Math.abs((pixel[channel] ?? 0) - value)).toBeLessThanOrEqual(4));
  });

  test('When a wide PNG is processed, then variants of 320, 640, 960 and 1280 px are made, narrowest first', async () => {
    const out = await processImage(await images.png(2000, 1000));

    expect(out.full).toMatchObject({ width: 2000, height: 1000 });
    expect(out.variants.map(({ width, height }) => ({ width, height }))).toEqual([
      { width: 320, height: 160 },
      { width: 640, height: 320 },
      { width: 960, height: 480 },
      { width: 1280, height: 640 },
    ]);
    for (const variant of out.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: variant.width, hasAlpha: true });
    }
    expect(out.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('When the image is 640 px wide, then only narrower variants are made', async () => {
    const out = await processImage(await images.webp(640, 480));

    expect(out.full.width).toBe(640);
    expect(out.variants.map((v) => v.width)).toEqual([320]);
  });

  test('When an animated GIF is processed, then every rendition is an animated WebP with all frames', async () => {
    const out = await processImage(await images.animatedGif(800, 400, 3));

    expect(out.full).toMatchObject({ width: 800, height: 400 });
    expect(out.variants.map((v) => [v.width, v.height])).toEqual([
      [320, 160],
      [640, 320],
    ]);
    for (const rendition of [out.full, ...out.variants]) {
      const meta = await sharp(rendition.data, { animated: true }).metadata();
      expect(meta).toMatchObject({ format: 'webp', pages: 3, pageHeight: rendition.height });
    }
  });

  test('When an AVIF is processed, then it comes out as WebP', async () => {
    const out = await processImage(await images.avif(700, 300));

    expect((await sharp(out.full.data).metadata()).format).toBe('webp');
    expect(out.variants.map((v) => v.width)).toEqual([320, 640]);
  });

  test('When the same image is processed twice, then the hash is the same', async () => {
    const input = await images.png(300, 300);

    const [a, b] = [await processImage(input), await processImage(input)];

    expect(a.hash).toBe(b.hash);
  });

  test('When a PNG declares 20000×20000 pixels, then it is refused from its header, quickly', async () => {
    const bomb = images.pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100_000);
    expect(20_000 * 20_000).toBeGreaterThan(UPLOAD_MAX_PIXELS);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();

    const error = await processImage(bomb).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImageRejectedError);
    expect((error as ImageRejectedError).reason).toBe('tooManyPixels');
    expect(performance.now() - started).toBeLessThan(500);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 2 ** 20);
  });

  test('When an animation has too many pixels across its frames, then it is refused', async () => {
    // 1 MP per frame, 60 frames
    const gif = await images.repeatedFrameGif(1000, 1000, 60);

    await expect(processImage(gif)).rejects.toMatchObject({ reason: 'tooManyPixels' });
  });

  test('When libvips could read the bytes but they are not an accepted type, then they are refused as unsupported', async () => {
    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123' } })
      .tiff()
      .toBuffer();

    await expect(processImage(tiff)).rejects.toMatchObject({ reason: 'unsupportedType' });
    await expect(processImage(images.svgWithScript)).rejects.toMatchObject({ reason: 'unsupportedType' });
  });

  test('When the bytes start like a JPEG but hold no image, then it is refused as undecodable', async () => {
    await expect(processImage(images.oversizeJpegLike(2000))).rejects.toMatchObject({
      reason: 'undecodable',
    });
  });

  test('When a JPEG is cut off half-way, then it is refused as undecodable', async () => {
    const whole = await images.photoJpeg(800, 600);

    await expect(processImage(whole.subarray(0, whole.length / 2))).rejects.toMatchObject({
      reason: 'undecodable',
    });
  });
});
