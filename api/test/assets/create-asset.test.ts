import { describe, expect, test } from '@jest/globals';
import sharp from 'sharp';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';
import * as images from '../fixtures/images/images.js';
import { exifIfd0Tags, TIFF_TAG_GPS_IFD, webpChunks } from '../fixtures/images/metadata.js';
import { assetRows, fetchObject, headObject, listKeys } from './bucket.js';

const app = useTestApp();
const IMMUTABLE = 'public, max-age=31536000, immutable';
const METADATA_CHUNKS = ['EXIF', 'XMP ', 'ICCP'];

function upload(token: string | null, file: Buffer, filename: string) {
  const req = app.request.post('/api/v1/assets');
  if (token) req.set(tokenHeader(token));
  return req.attach('file', file, filename);
}

type Req = ReturnType<typeof app.request.post>;

const bucketUrl = () => app.config.storage.publicBaseUrl;
const keyOf = (url: string) => url.slice(bucketUrl().length + 1);

describe('POST /api/v1/assets (createAsset)', () => {
  test('When a JPEG carries orientation 6 and GPS, then it is stored upright and without any metadata', async () => {
    const user = await userFactory.create(app);
    const jpeg = await images.jpegWithGpsAndOrientation(1600, 800);
    expect(exifIfd0Tags((await sharp(jpeg).metadata()).exif!)).toContain(TIFF_TAG_GPS_IFD);

    const res = await upload(user.token, jpeg, 'holiday.jpg');

    expect(res.status).toBe(201);
    const { asset } = res.body;
    expect(asset).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: expect.stringMatching(new RegExp(`^${bucketUrl()}/a/[0-9a-f]{64}\\.webp$`)),
      width: 800,
      height: 1600,
      contentType: 'image/webp',
      bytes: expect.any(Number),
      variants: [
        { width: 320, url: asset.url.replace('.webp', '-320.webp') },
        { width: 640, url: asset.url.replace('.webp', '-640.webp') },
      ],
    });
    for (const url of [asset.url, ...asset.variants.map((v: { url: string }) => v.url)]) {
      const stored = await fetchObject(url);
      expect(stored.status).toBe(200);
      const meta = await sharp(stored.body).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.height).toBeGreaterThan(meta.width);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(webpChunks(stored.body).filter((chunk) => METADATA_CHUNKS.includes(chunk))).toEqual([]);
    }
    const full = await fetchObject(asset.url);
    expect(full.body.length).toBe(asset.bytes);
    expect(await assetRows(app.db, user.id)).toEqual([
      expect.objectContaining({
        id: asset.id,
        ownerId: user.id,
        key: keyOf(asset.url),
        contentType: 'image/webp',
        bytes: asset.bytes,
        width: 800,
        height: 1600,
      }),
    ]);
  });

  test('When a wide PNG is uploaded, then its 320, 640, 960 and 1280 px variants are stored as immutable WebP', async () => {
    const user = await userFactory.create(app);

    const res = await upload(user.token, await images.png(2000, 1000), 'diagram.png');

    expect(res.status).toBe(201);
    const { asset } = res.body;
    expect(asset).toMatchObject({ width: 2000, height: 1000, contentType: 'image/webp' });
    expect(asset.variants.map((v: { width: number }) => v.width)).toEqual([320, 640, 960, 1280]);
    for (const { url, width } of [{ url: asset.url, width: 2000 }, ...asset.variants]) {
      const head = await headObject(url);
      expect(head).toMatchObject({ status: 200, contentType: 'image/webp', cacheControl: IMMUTABLE });
      const meta = await sharp((await fetchObject(url)).body).metadata();
      expect(meta).toMatchObject({ format: 'webp', width, height: width / 2, hasAlpha: true });
    }
    const [row] = await assetRows(app.db, user.id);
    expect(row?.variants).toEqual(
      [320, 640, 960, 1280].map((width) => ({
        width,
        height: width / 2,
        key: `${row?.key.replace('.webp', '')}-${width}.webp`,
        bytes: expect.any(Number),
      })),
    );
  });

  test('When an animated GIF is uploaded, then it is stored as an animated WebP', async () => {
    const user = await userFactory.create(app);

    const res = await upload(user.token, await images.animatedGif(700, 350, 4), 'loop.gif');

    expect(res.status).toBe(201);
    const stored = await fetchObject(res.body.asset.url);
    const meta = await sharp(stored.body, { animated: true }).metadata();
    expect(meta).toMatchObject({ format: 'webp', pages: 4, width: 700, pageHeight: 350 });
    expect(webpChunks(stored.body)).toContain('ANIM');
  });

  test('When the same image is uploaded twice, then both assets share the same objects', async () => {
    const user = await userFactory.create(app);
    const png = await images.png(500, 321);

    const first = await upload(user.token, png, 'a.png');
    const second = await upload(user.token, png, 'b.png');

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.asset.id).not.toBe(first.body.asset.id);
    expect(second.body.asset.url).toBe(first.body.asset.url);
    expect(await assetRows(app.db, user.id)).toHaveLength(2);
  });

  describe('refused uploads store nothing', () => {
    test.each([
      {
        name: 'a text file named .jpg',
        file: () => Promise.resolve(images.plainText),
        filename: 'photo.jpg',
        status: 415,
        errors: { file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] },
      },
      {
        name: 'an SVG with a script',
        file: () => Promise.resolve(images.svgWithScript),
        filename: 'logo.svg',
        status: 415,
        errors: { file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] },
      },
      {
        name: 'a 20000×20000 PNG bomb',
        file: () => Promise.resolve(images.pngBomb(20_000, 20_000)),
        filename: 'bomb.png',
        status: 422,
        errors: { file: ['has too many pixels (at most 50 megapixels)'] },
      },
      {
        name: 'a JPEG cut off before its pixels',
        file: () => Promise.resolve(images.oversizeJpegLike(5000)),
        filename: 'broken.jpg',
        status: 422,
        errors: { file: ['could not be decoded as an image'] },
      },
      {
        name: 'a file one byte over 10 MiB',
        file: () => Promise.resolve(images.oversizeJpegLike(10 * 1024 * 1024 + 1)),
        filename: 'huge.jpg',
        status: 413,
        errors: { file: ['is larger than 10 MiB'] },
      },
    ])('When the file is $name, then it answers $status', async ({ file, filename, status, errors }) => {
      const user = await userFactory.create(app);
      const bytes = await file();
      const keysBefore = await listKeys(bucketUrl());

      const started = performance.now();
      const res = await upload(user.token, bytes, filename);
      const elapsed = performance.now() - started;

      expect(res.status).toBe(status);
      expect(res.body).toEqual({ errors });
      expect(elapsed).toBeLessThan(3000);
      expect(await assetRows(app.db, user.id)).toEqual([]);
      expect(await listKeys(bucketUrl())).toEqual(keysBefore);
    });

    test('When there is no token, then it answers 401 and stores nothing', async () => {
      const rowsBefore = (await assetRows(app.db)).length;
      const keysBefore = await listKeys(bucketUrl());

      const res = await upload(null, await images.png(64, 64), 'anonymous.png');

      expect(res.status).toBe(401);
      expect(res.body).toEqual({ errors: { token: ['is missing or invalid'] } });
      expect((await assetRows(app.db)).length).toBe(rowsBefore);
      expect(await listKeys(bucketUrl())).toEqual(keysBefore);
    });

    test.each([
      {
        name: 'no part at all',
        errors: { file: ["can't be blank"] },
        build: (req: Req) => req.field('title', 'no file'),
      },
      {
        name: 'text instead of a file',
        errors: { file: ["can't be blank"] },
        build: (req: Req) => req.field('file', 'text'),
      },
      {
        name: 'the image under another name',
        errors: { file: ["can't be blank"] },
        build: async (req: Req) => req.attach('picture', await images.png(50, 50), 'a.png'),
      },
      {
        name: 'two files',
        errors: { file: [expect.any(String)] },
        build: async (req: Req) =>
          req.attach('file', await images.png(50, 50), 'a.png').attach('file', await images.png(60, 60), 'b.png'),
      },
    ])(
      'When the form holds $name, then it answers 422 naming the file and stores nothing',
      async ({ errors, build }) => {
        const user = await userFactory.create(app);
        const keysBefore = await listKeys(bucketUrl());

        const res = await build(app.request.post('/api/v1/assets').set(tokenHeader(user.token)));

        expect(res.status).toBe(422);
        expect(res.body).toEqual({ errors });
        expect(await assetRows(app.db, user.id)).toEqual([]);
        expect(await listKeys(bucketUrl())).toEqual(keysBefore);
      },
    );

    test('When the user was deleted after the token was issued, then it answers 401 and removes the stored objects', async () => {
      const user = await userFactory.create(app);
      await app.db.query('delete from users where id = $1', [user.id]);
      const png = await images.png(900, 123);
      const keysBefore = await listKeys(bucketUrl());

      const res = await upload(user.token, png, 'orphan.png');

      expect(res.status).toBe(401);
      expect(await assetRows(app.db, user.id)).toEqual([]);
      expect(await listKeys(bucketUrl())).toEqual(keysBefore);
    });
  });

  test('When eight uploads arrive at once, then all succeed', async () => {
    const user = await userFactory.create(app);
    const photos = await Promise.all(Array.from({ length: 8 }, (_, i) => images.photoJpeg(1200 + i, 900)));

    const responses = await Promise.all(photos.map((photo, i) => upload(user.token, photo, `photo-${i}.jpg`)));

    expect(responses.map((res) => res.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((res) => res.body.asset.url)).size).toBe(8);
    expect(await assetRows(app.db, user.id)).toHaveLength(8);
    for (const res of responses) expect((await headObject(res.body.asset.url)).status).toBe(200);
  }, 60_000);

  test('When a user uploads more than 30 times in five minutes, then it answers 429 with Retry-After', async () => {
    const user = await userFactory.create(app);
    const tiny = await images.png(8, 8);
    for (let i = 0; i < 30; i++) {
      expect((await upload(user.token, tiny, 'tiny.png')).status).toBe(201);
    }

    const res = await upload(user.token, tiny, 'tiny.png');

    expect(res.status).toBe(429);
    expect(res.body).toEqual({ errors: { file: ['too many uploads, retry later'] } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(300);
    expect(await assetRows(app.db, user.id)).toHaveLength(30);
  });
});
