// Stored images are capped on their long side (ASSET_MAX_DIMENSION): a huge upload does not become
// a huge object every reader downloads.
import { describe, expect, test } from '@jest/globals';
import sharp from 'sharp';
import { userFactory } from '../factories/user-factory.js';
import * as images from '../fixtures/images/images.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';
import { fetchObject } from './bucket.js';

const app = useTestApp({ env: { ASSET_MAX_DIMENSION: '1500' } });

describe('POST /api/v1/assets with ASSET_MAX_DIMENSION', () => {
  test.each([
    ['wide', 3000, 1001, 1500, 501],
    ['tall', 800, 3200, 375, 1500],
  ])(
    'When a %s image is larger than the cap, then it is stored scaled down to fit, with its variants',
    async (_shape, width, height, storedWidth, storedHeight) => {
      const user = await userFactory.create(app);

      const res = await app.request
        .post('/api/v1/assets')
        .set(tokenHeader(user.token))
        .attach('file', await images.png(width, height), 'big.png');

      expect(res.status).toBe(201);
      expect(res.body.asset).toMatchObject({ width: storedWidth, height: storedHeight });
      const stored = await sharp((await fetchObject(res.body.asset.url)).body).metadata();
      expect(Math.max(stored.width!, stored.height!)).toBe(1500);
      for (const variant of res.body.asset.variants) expect(variant.width).toBeLessThan(storedWidth);
    },
  );

  test('When an image is within the cap, then it keeps its size', async () => {
    const user = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/assets')
      .set(tokenHeader(user.token))
      .attach('file', await images.png(1499, 700), 'fits.png');

    expect(res.body.asset).toMatchObject({ width: 1499, height: 700 });
  });
});
