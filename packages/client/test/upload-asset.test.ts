// uploadAsset(): the file arrives as the multipart field `file`, with its bytes, its name and its
// type, built by FormData (so the boundary is right) and sent with the token; never retried. With
// `onProgress`, a browser's XMLHttpRequest (here a scripted stand-in) reports the bytes sent.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createInkwellClient, InkwellApiError, unwrap, uploadAsset } from '../src/index.js';
import type { Schema, UploadProgress } from '../src/index.js';
import { ScriptedXhr } from './support/scripted-xhr.js';
import { startTestServer } from './support/test-server.js';
import type { ReceivedRequest, TestServer } from './support/test-server.js';

const ASSET: Schema<'Asset'> = {
  id: '0b5f7c3e-6a1d-4a8e-9a43-2f0f3c1f7d21',
  url: 'https://assets.inkwell.example/a/9a7d2c41e0b3f5d6.webp',
  width: 4000,
  height: 3000,
  contentType: 'image/webp',
  bytes: 1048576,
  variants: [{ width: 320, url: 'https://assets.inkwell.example/a/9a7d2c41e0b3f5d6-320.webp' }],
};

/** Bytes that are not valid UTF-8 either: a text round trip would change them. */
const BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe, 0x80]);

/** The multipart body as the server reads it. */
async function formOf(request: ReceivedRequest): Promise<FormData> {
  const type = String(request.headers['content-type']);
  return new Response(new Uint8Array(request.body), { headers: { 'Content-Type': type } }).formData();
}

describe('uploadAsset', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('When a Blob is uploaded with a file name, then the API receives it as the multipart field `file`', async () => {
    // Arrange
    server = await startTestServer(() => ({ status: 201, body: { asset: ASSET } }));
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.ada' });
    // Act
    const { asset } = await unwrap(
      uploadAsset(client, new Blob([BYTES], { type: 'image/png' }), { filename: 'cover.png' }),
    );
    // Assert
    assert.equal(asset.url, ASSET.url);
    const [request] = server.requests;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url.pathname, '/api/v1/assets');
    assert.equal(request!.headers.authorization, 'Token eyJ.ada');
    assert.match(String(request!.headers['content-type']), /^multipart\/form-data; boundary=/);
    const form = await formOf(request!);
    assert.deepEqual([...form.keys()], ['file']);
    const file = form.get('file');
    assert.ok(file instanceof File);
    assert.equal(file.name, 'cover.png');
    assert.equal(file.type, 'image/png');
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), BYTES);
  });

  it("When a File is uploaded without a file name, then the File's own name goes with it", async () => {
    // Arrange
    server = await startTestServer(() => ({ status: 201, body: { asset: ASSET } }));
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.ada' });
    // Act
    await unwrap(uploadAsset(client, new File([BYTES], 'avatar.jpg', { type: 'image/jpeg' })));
    await unwrap(uploadAsset(client, new Blob([BYTES])));
    // Assert
    const [named, unnamed] = await Promise.all(server.requests.map(formOf));
    assert.equal((named!.get('file') as File).name, 'avatar.jpg');
    assert.equal((named!.get('file') as File).type, 'image/jpeg');
    assert.equal((unnamed!.get('file') as File).name, 'blob');
    assert.equal((unnamed!.get('file') as File).size, BYTES.length);
  });

  it('When the upload is answered 429, then it is not retried and the error reaches the caller', async () => {
    // Arrange
    server = await startTestServer(() => ({
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { errors: { assets: ['too many uploads, retry later'] } },
    }));
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.ada' });
    // Act
    const { error, response } = await uploadAsset(client, new Blob([BYTES]), { filename: 'cover.png' });
    // Assert
    assert.equal(response.status, 429);
    assert.deepEqual(error, { errors: { assets: ['too many uploads, retry later'] } });
    assert.equal(server.requests.length, 1);
  });
});

describe('uploadAsset with onProgress', () => {
  let uninstall: (() => void) | undefined;
  beforeEach(() => {
    uninstall = ScriptedXhr.install();
  });
  afterEach(() => {
    uninstall?.();
    uninstall = undefined;
  });

  it('When bytes go out in a browser, then each step is reported and the stored asset is returned', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: 'https://inkwell.example/api/v1', token: 'eyJ.ada' });
    const steps: UploadProgress[] = [];
    // Act
    const uploading = unwrap(
      uploadAsset(client, new Blob([BYTES], { type: 'image/png' }), {
        filename: 'cover.png',
        onProgress: (step) => steps.push(step),
      }),
    );
    const xhr = await ScriptedXhr.next();
    xhr.progress(4, 12);
    xhr.progress(12, 12);
    xhr.answer(201, { asset: ASSET });
    // Assert
    assert.deepEqual(await uploading, { asset: ASSET });
    assert.deepEqual(steps, [
      { loaded: 4, total: 12 },
      { loaded: 12, total: 12 },
    ]);
    assert.equal(xhr.method, 'POST');
    assert.equal(xhr.url, 'https://inkwell.example/api/v1/assets');
    assert.equal(xhr.headers.get('Authorization'), 'Token eyJ.ada');
    assert.match(xhr.headers.get('X-Request-Id') ?? '', /^[0-9a-f-]{36}$/);
    const type = xhr.headers.get('Content-Type') ?? '';
    assert.match(type, /^multipart\/form-data; boundary=/);
    assert.ok(xhr.body instanceof Blob);
    const file = (await new Response(xhr.body, { headers: { 'Content-Type': type } }).formData()).get('file');
    assert.ok(file instanceof File);
    assert.equal(file.name, 'cover.png');
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), BYTES);
  });

  it('When the API refuses the file, then the error carries its status, map and request id, and middleware sees the answer', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: 'https://inkwell.example/api/v1' });
    const seen: number[] = [];
    client.use({
      onResponse({ response }) {
        seen.push(response.status);
      },
    });
    // Act
    const uploading = unwrap(uploadAsset(client, new Blob([BYTES]), { onProgress: () => undefined }));
    (await ScriptedXhr.next()).answer(
      415,
      { errors: { file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] } },
      { 'x-request-id': 'req-415' },
    );
    // Assert
    const error = await uploading.then(
      () => assert.fail('the upload should have been refused'),
      (thrown: unknown) => thrown,
    );
    assert.ok(error instanceof InkwellApiError);
    assert.equal(error.status, 415);
    assert.deepEqual(error.errors, { file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] });
    assert.equal(error.requestId, 'req-415');
    assert.deepEqual(seen, [415]);
  });

  it('When the upload is cancelled, then the request is aborted and it rejects with an AbortError', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: 'https://inkwell.example/api/v1' });
    const controller = new AbortController();
    const uploading = uploadAsset(client, new Blob([BYTES]), {
      signal: controller.signal,
      onProgress: () => undefined,
    });
    const xhr = await ScriptedXhr.next();
    // Act
    controller.abort();
    // Assert
    await assert.rejects(uploading, { name: 'AbortError' });
    assert.equal(xhr.aborted, true);
  });

  it('When the connection fails, then it rejects with a TypeError, as fetch does', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: 'https://inkwell.example/api/v1' });
    const uploading = uploadAsset(client, new Blob([BYTES]), { onProgress: () => undefined });
    // Act
    (await ScriptedXhr.next()).fail();
    // Assert
    await assert.rejects(uploading, TypeError);
  });

  it('When there is no XMLHttpRequest (Node.js), then fetch sends it and one step reports every byte', async () => {
    // Arrange
    uninstall?.();
    uninstall = undefined;
    assert.equal(typeof globalThis.XMLHttpRequest, 'undefined');
    const server = await startTestServer(() => ({ status: 201, body: { asset: ASSET } }));
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.ada' });
    const steps: UploadProgress[] = [];
    try {
      // Act
      const { asset } = await unwrap(
        uploadAsset(client, new Blob([BYTES]), { filename: 'cover.png', onProgress: (step) => steps.push(step) }),
      );
      // Assert
      assert.equal(asset.url, ASSET.url);
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0]!.headers.authorization, 'Token eyJ.ada');
      assert.deepEqual(steps, [{ loaded: BYTES.length, total: BYTES.length }]);
    } finally {
      await server.close();
    }
  });
});
