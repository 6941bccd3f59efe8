// For the mock's own tests: an MSW server in Node with every handler, reset to the seed before
// each test, and a small fetch wrapper that reads any answer.
import { crc32, deflateSync } from 'node:zlib';

import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { setupServer } from 'msw/node';

import { mockControls } from './controls';
import { mockDb } from './db';
import { handlers } from './handlers';
import { API_BASE_PATH } from './handlers/http';

export const ORIGIN = 'http://localhost';

export const mockServer = setupServer(...handlers);

/** Registers the hooks: listen, reset data and controls before each test, close at the end. */
export function setUpMockServer(): void {
  beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    mockDb.reset();
    mockControls.reset();
  });
  afterEach(() => mockServer.resetHandlers());
  afterAll(() => mockServer.close());
}

export interface CallOptions {
  /** Sent as `Authorization: Token <token>`. */
  token?: string;
  /** Sent as a JSON body. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  contentType: string | null;
  /** Parsed JSON, the text of any other body, or null for an empty one. */
  body: unknown;
}

/** Calls `<origin>/api/v1<path>` and reads the answer whatever its type. */
export async function callApi(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Token ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${ORIGIN}${API_BASE_PATH}${path}`, { method, headers, body });
  const contentType = res.headers.get('content-type');
  const text = await res.text();
  const isJson = contentType?.includes('json') && text !== '';
  return { status: res.status, contentType, body: isJson ? (JSON.parse(text) as unknown) : text || null };
}

/** A real, decodable PNG of the given size (black pixels), to upload in tests. */
export function pngBytes(width: number, height: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3)); // each row: filter byte 0, then pixels
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(png);
}

/** A multipart body with `bytes` as the field `file`. */
export function uploadForm(bytes: Uint8Array<ArrayBuffer>, name = 'picture.png', type = 'image/png'): FormData {
  const form = new FormData();
  // A Blob with a file name reads the same whichever File class the test environment provides.
  form.set('file', new Blob([bytes], { type }), name);
  return form;
}
