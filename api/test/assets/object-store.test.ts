import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startLocalS3, type LocalS3 } from '@inkwell/local';
import { createObjectStore, type ObjectStore } from '../../src/storage/s3.js';

// The store reads credentials through the SDK's own chain, as in production.
process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';

let dataDir: string;
let s3: LocalS3;
let store: ObjectStore;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'inkwell-object-store-'));
  s3 = await startLocalS3({ dataDir, port: 0, bucket: 'object-store-test', corsOrigins: ['http://localhost:8080'] });
  store = createObjectStore({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    forcePathStyle: true,
    publicBaseUrl: `${s3.publicBaseUrl}/`,
  });
});

afterAll(async () => {
  await s3.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('createObjectStore', () => {
  test('When a buffer is put, then it is served at its public URL with its type and caching', async () => {
    const body = Buffer.from('buffer body');

    await store.put('t/buffer.txt', body, { contentType: 'text/plain', cacheControl: 'public, max-age=60' });

    expect(store.publicUrl('t/buffer.txt')).toBe(`${s3.publicBaseUrl}/t/buffer.txt`);
    const res = await fetch(store.publicUrl('t/buffer.txt'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
  });

  test('When a stream of known length is put, then the stored bytes are exactly the stream', async () => {
    const parts = [Buffer.alloc(70_000, 1), Buffer.alloc(70_000, 2)];

    await store.put('t/stream.bin', Readable.from(parts), {
      contentType: 'application/octet-stream',
      cacheControl: 'no-cache',
      contentLength: 140_000,
    });

    const res = await fetch(store.publicUrl('t/stream.bin'));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.concat(parts));
  });

  test('When a stream has no length, then put refuses it before sending anything', async () => {
    await expect(
      store.put('t/unknown.bin', Readable.from([Buffer.from('x')]), { contentType: 'a/b', cacheControl: 'no-cache' }),
    ).rejects.toThrow(/contentLength/);
    expect((await fetch(store.publicUrl('t/unknown.bin'))).status).toBe(404);
  });

  test('When keys are deleted, then they are gone, and missing keys are no error', async () => {
    await store.put('t/a', Buffer.from('a'), { contentType: 'text/plain', cacheControl: 'no-cache' });
    await store.put('t/b', Buffer.from('b'), { contentType: 'text/plain', cacheControl: 'no-cache' });

    await store.delete(['t/a', 't/b', 't/never-there']);

    expect((await fetch(store.publicUrl('t/a'))).status).toBe(404);
    expect((await fetch(store.publicUrl('t/b'))).status).toBe(404);
  });

  test('When the bucket exists, then check passes', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  test('When the bucket is missing, then check fails', async () => {
    const other = createObjectStore({
      endpoint: s3.endpoint,
      region: s3.region,
      bucket: 'no-such-bucket',
      forcePathStyle: true,
      publicBaseUrl: 'http://unused.example',
    });

    await expect(other.check()).rejects.toThrow();
  });

  test('When nothing listens at the endpoint, then check and put fail within their timeouts', async () => {
    const down = createObjectStore({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      bucket: 'b',
      forcePathStyle: true,
      publicBaseUrl: 'http://unused.example',
      checkTimeoutMs: 500,
      putTimeoutMs: 1500,
    });
    const started = performance.now();

    await expect(down.check()).rejects.toThrow();
    await expect(down.put('k', Buffer.from('x'), { contentType: 'a/b', cacheControl: 'no-cache' })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
