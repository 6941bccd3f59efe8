// The object store goes away under a running API: uploads fail cleanly, everything else works.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalS3, type LocalS3 } from '@inkwell/local';
import { userFactory } from '../factories/user-factory.js';
import * as images from '../fixtures/images/images.js';
import { startTestApp, tokenHeader, type TestApp } from '../helpers/test-app.js';
import { assetRows } from './bucket.js';

const BUCKET = 'inkwell-outage-test';
let dataDir: string;
let s3: LocalS3;
let app: TestApp;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'inkwell-outage-'));
  s3 = await startLocalS3({ dataDir, port: 0, bucket: BUCKET, corsOrigins: ['http://localhost'] });
  app = await startTestApp({
    env: { S3_ENDPOINT: s3.endpoint, S3_BUCKET: BUCKET, ASSET_PUBLIC_BASE_URL: s3.publicBaseUrl },
  });
});

afterAll(async () => {
  await app?.close();
  await s3?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function upload(token: string, file: Buffer) {
  return app.request.post('/api/v1/assets').set(tokenHeader(token)).attach('file', file, 'photo.png');
}

describe('POST /api/v1/assets when the object store is down', () => {
  test('When the store stops, then uploads answer 503 without a row, and the rest of the API keeps working', async () => {
    const user = await userFactory.create(app);
    expect((await upload(user.token, await images.png(400, 300))).status).toBe(201);

    await s3.stop();
    const res = await upload(user.token, await images.png(401, 300));

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ errors: { objectStore: ['is unavailable, retry later'] } });
    expect(res.headers['retry-after']).toBeDefined();
    expect(await assetRows(app.db, user.id)).toHaveLength(1);

    const current = await app.request.get('/api/v1/user').set(tokenHeader(user.token));
    expect(current.status).toBe(200);
    const health = await app.request.get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'up' }, objectStore: { status: 'down' } },
      errors: { objectStore: [expect.any(String)] },
    });
  });

  test('When the store comes back, then uploads work again without a restart', async () => {
    const user = await userFactory.create(app);
    const port = Number(new URL(s3.endpoint).port);
    await s3.stop();
    s3 = await startLocalS3({ dataDir, port, bucket: BUCKET, corsOrigins: ['http://localhost'] });

    const res = await upload(user.token, await images.png(402, 300));

    expect(res.status).toBe(201);
    expect((await fetch(res.body.asset.url)).status).toBe(200);
    expect((await app.request.get('/api/v1/health')).status).toBe(200);
  });
});
