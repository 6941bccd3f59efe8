import { InkwellApiError, type UploadProgress } from '@inkwell/client';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

import { buildAsset } from '@/testing/factories';

import { uploadAsset } from './asset-upload';
import { getSession, setSession } from './session';

/**
 * A stand-in for the browser's XMLHttpRequest that the test drives by hand, to send progress
 * events one at a time (MSW answers a whole upload in one step).
 */
class ScriptedXhr extends EventTarget {
  static current: ScriptedXhr | null = null;
  readonly upload = new EventTarget();
  readonly headers: Record<string, string> = {};
  method = '';
  url = '';
  body: unknown = null;
  status = 0;
  statusText = '';
  responseText = '';

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: unknown) {
    this.body = body;
    ScriptedXhr.current = this;
  }

  abort() {
    this.dispatchEvent(new Event('abort'));
  }

  getAllResponseHeaders() {
    return 'content-type: application/json\r\n';
  }

  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { lengthComputable: true, loaded, total }));
  }

  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.dispatchEvent(new Event('load'));
  }
}

async function sent(): Promise<ScriptedXhr> {
  for (let i = 0; i < 50 && !ScriptedXhr.current; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!ScriptedXhr.current) throw new Error('nothing was sent');
  return ScriptedXhr.current;
}

const realXhr = globalThis.XMLHttpRequest;
const image = () => new File([new Uint8Array(4096)], 'photo.png', { type: 'image/png' });
/** The app always follows the progress; the client sends over XMLHttpRequest for it. */
const ignoreProgress = () => undefined;

beforeEach(() => {
  ScriptedXhr.current = null;
  globalThis.XMLHttpRequest = ScriptedXhr as unknown as typeof XMLHttpRequest;
});
afterEach(() => {
  globalThis.XMLHttpRequest = realXhr;
});

describe('uploadAsset', () => {
  test('When bytes go out, then each progress step is reported, and the stored asset is returned', async () => {
    setSession({ email: 'ada@inkwell.test', token: 'tok', username: 'ada', bio: '', image: '' });
    const asset = buildAsset();
    const steps: UploadProgress[] = [];

    const uploading = uploadAsset(image(), { onProgress: (p) => steps.push(p) });
    const xhr = await sent();
    xhr.progress(1024, 4096);
    xhr.progress(3072, 4096);
    xhr.progress(4096, 4096);
    xhr.answer(201, { asset });

    await expect(uploading).resolves.toEqual(asset);
    expect(steps).toEqual([
      { loaded: 1024, total: 4096 },
      { loaded: 3072, total: 4096 },
      { loaded: 4096, total: 4096 },
    ]);
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://localhost/api/v1/assets');
    expect(xhr.headers.authorization).toBe('Token tok');
    expect(xhr.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(xhr.body).toBeInstanceOf(Blob);
  });

  test('When the API refuses the file, then an InkwellApiError with its status and messages is thrown', async () => {
    const uploading = uploadAsset(image(), { onProgress: ignoreProgress });
    (await sent()).answer(415, { errors: { file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] } });

    await expect(uploading).rejects.toEqual(expect.any(InkwellApiError));
    await uploading.catch((error: InkwellApiError) => {
      expect(error.status).toBe(415);
      expect(error.errors).toEqual({ file: ['must be a JPEG, PNG, WebP, AVIF or GIF image'] });
    });
  });

  test("When the API refuses the session's token, then the session ends here too", async () => {
    setSession({ email: 'ada@inkwell.test', token: 'expired', username: 'ada', bio: '', image: '' });
    const uploading = uploadAsset(image(), { onProgress: ignoreProgress });
    (await sent()).answer(401, { errors: { token: ['is missing or invalid'] } });

    await expect(uploading).rejects.toMatchObject({ status: 401 });
    expect(getSession()).toBeNull();
  });

  test('When the upload is cancelled, then it stops with an AbortError', async () => {
    const controller = new AbortController();
    const uploading = uploadAsset(image(), { signal: controller.signal, onProgress: ignoreProgress });
    await sent();

    controller.abort();

    await expect(uploading).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('When the network fails, then a TypeError says so', async () => {
    const uploading = uploadAsset(image(), { onProgress: ignoreProgress });
    (await sent()).dispatchEvent(new Event('error'));

    await expect(uploading).rejects.toThrow(TypeError);
  });
});
