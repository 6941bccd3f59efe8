// Object keys are content-addressed: the same image uploaded twice is stored once and shared. A
// failed upload removes objects only while no other asset uses them, and never in a race with an
// upload of the same image that succeeds.
import { describe, expect, test } from '@jest/globals';
import { ASSET_VARIANT_WIDTHS } from '@inkwell/rules';
import { userFactory } from '../factories/user-factory.js';
import * as images from '../fixtures/images/images.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';
import { TEST_BUCKET, TEST_ENV, testEnv } from '../helpers/test-env.js';
import { processImage } from '../../src/modules/assets/image-processing.js';
import { type ObjectStore, createObjectStore } from '../../src/storage/s3.js';
import { headObject } from './bucket.js';

const store = createObjectStore({
  endpoint: testEnv(TEST_ENV.s3Endpoint),
  region: 'us-east-1',
  bucket: TEST_BUCKET,
  forcePathStyle: true,
  publicBaseUrl: testEnv(TEST_ENV.assetBaseUrl),
});
// What the store does on demand: take its time deleting, or fail to write some keys (all of
// them, or only the first time each is written).
const behaviour = { deleteDelayMs: 0, failPutsMatching: null as RegExp | null, once: false };
const flaky: ObjectStore = {
  ...store,
  async put(key, body, opts) {
    if (behaviour.failPutsMatching?.test(key)) {
      if (behaviour.once) behaviour.failPutsMatching = null;
      throw new Error(`refusing to write ${key}`);
    }
    return store.put(key, body, opts);
  },
  async delete(keys) {
    await new Promise((resolve) => setTimeout(resolve, behaviour.deleteDelayMs));
    return store.delete(keys);
  },
};
const app = useTestApp({ objectStore: flaky });

let size = 0;
/** A PNG no other test uploads: the size is unique to this process and test. */
const uniqueImage = () => {
  size += 1;
  return images.png(1400 + (process.pid % 500), 300 + size);
};

const upload = (token: string, file: Buffer) =>
  app.request.post('/api/v1/assets').set(tokenHeader(token)).attach('file', file, 'photo.png');

const urlsOf = (asset: { url: string; variants: Array<{ url: string }> }) => [
  asset.url,
  ...asset.variants.map((variant) => variant.url),
];

describe('cleaning up after a failed upload', () => {
  test('When an upload fails while an upload of the same image succeeds, then the succeeding asset keeps every object', async () => {
    const [first, second] = [await userFactory.create(app), await userFactory.create(app)];
    const png = await uniqueImage();
    // The first upload's write of one variant fails, and its clean-up is slow: meanwhile the
    // second upload writes and records the very same objects.
    Object.assign(behaviour, { deleteDelayMs: 400, failPutsMatching: /-640\.webp$/, once: true });

    try {
      const failing = upload(first.token, png).then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const [failed, stored] = await Promise.all([failing, upload(second.token, png)]);

      expect(failed.status).toBe(503);
      expect(stored.status).toBe(201);
      for (const url of urlsOf(stored.body.asset)) expect((await headObject(url)).status).toBe(200);
    } finally {
      Object.assign(behaviour, { deleteDelayMs: 0, failPutsMatching: null, once: false });
    }
  });

  test('When writing fails part-way for an image another asset uses, then none of its objects is removed', async () => {
    const owner = await userFactory.create(app);
    const other = await userFactory.create(app);
    const png = await uniqueImage();
    const first = await upload(owner.token, png);
    expect(first.status).toBe(201);
    behaviour.failPutsMatching = /-640\.webp$/;

    try {
      const res = await upload(other.token, png);

      expect(res.status).toBe(503);
      expect(res.body).toEqual({ errors: { objectStore: ['is unavailable, retry later'] } });
    } finally {
      behaviour.failPutsMatching = null;
    }
    for (const url of urlsOf(first.body.asset)) expect((await headObject(url)).status).toBe(200);
  });

  test('When writing fails part-way for an image nobody else uses, then what was written is removed', async () => {
    const user = await userFactory.create(app);
    const png = await uniqueImage();
    const { hash, variants } = await processImage(png, { maxDimension: app.config.assets.maxDimension });
    const keys = [`a/${hash}.webp`, ...variants.map((variant) => `a/${hash}-${variant.width}.webp`)];
    behaviour.failPutsMatching = /-640\.webp$/;

    let res;
    try {
      res = await upload(user.token, png);
    } finally {
      behaviour.failPutsMatching = null;
    }

    expect(res.status).toBe(503);
    expect(keys).toHaveLength(1 + ASSET_VARIANT_WIDTHS.length);
    for (const key of keys) expect((await headObject(store.publicUrl(key))).status).toBe(404);
  });
});
