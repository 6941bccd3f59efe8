// For the mock's own tests: an MSW server in Node with every handler, reset to the seed before
// each test, and a small fetch wrapper that reads any answer.
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { setupServer } from 'msw/node';

import { mockControls } from './controls';
import { mockDb } from './db';
import { handlers } from './handlers';
import { API_BASE_PATH } from './handlers/http';

export const ORIGIN = 'http://localhost';

export const mockServer = setupServer(...handlers);

/** Registers the hooks: listen, reset data and controls before each test, close at the end. */
export function useMockServer(): void {
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
