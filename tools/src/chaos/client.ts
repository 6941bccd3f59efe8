// The load's HTTP client: fetch (undici's pool, keep-alive) against the site on a loopback address,
// every request bounded in time and recorded with its outcome. A request succeeds when it is
// answered 2xx (a page: 200); anything else counts as failed, since the load only ever sends
// requests that succeed in calm conditions.
import { assertLoopback } from '../fuzz/http.js';
import type { Exchange, Recorder, RequestKind } from './recorder.js';

export const API_BASE = '/api/v1';
const EXCERPT_CHARS = 300;

export interface Call {
  op: string;
  kind: RequestKind;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query on the site, e.g. `/api/v1/tags` or `/article/x`. */
  path: string;
  token?: string;
  json?: unknown;
  form?: FormData;
}

export interface Answer {
  exchange: Exchange;
  /** The parsed JSON body, or undefined. */
  body: unknown;
}

export class SiteClient {
  readonly origin: string;

  constructor(
    siteUrl: string,
    private readonly recorder: Recorder,
    private readonly timeoutMs: number,
  ) {
    const url = assertLoopback(siteUrl);
    // "localhost" may resolve to ::1 first; nginx listens on 127.0.0.1.
    if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
    this.origin = url.origin;
  }

  /** Sends `call` and records it; never rejects (a network error is a failed exchange). */
  async send(call: Call): Promise<Answer> {
    const started = performance.now();
    const id = this.recorder.begin(call.kind, started);
    const headers: Record<string, string> = {};
    if (call.token) headers.authorization = `Token ${call.token}`;
    let body: string | FormData | undefined = call.form;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    }
    let exchange: Exchange;
    let parsed: unknown;
    try {
      const response = await fetch(`${this.origin}${call.path}`, {
        method: call.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      parsed = /^application\/json\b/i.test(contentType) ? parseJson(text) : undefined;
      const ok = call.kind === 'page' ? response.status === 200 : response.status >= 200 && response.status < 300;
      exchange = {
        ...describeCall(call),
        started,
        ended: performance.now(),
        status: response.status,
        contentType,
        errorShaped: hasErrors(parsed),
        retryAfter: response.headers.get('retry-after'),
        // Only the renderer's location adds it; nginx's fallback to the app does not.
        rendered: call.kind === 'page' && response.headers.has('x-cache-status'),
        failure: ok ? null : `status ${response.status}`,
        excerpt: ok ? null : text.replace(/\s+/g, ' ').slice(0, EXCERPT_CHARS),
      };
    } catch (error) {
      exchange = {
        ...describeCall(call),
        started,
        ended: performance.now(),
        status: 0,
        contentType: '',
        errorShaped: false,
        retryAfter: null,
        rendered: false,
        failure: networkFailure(error, this.timeoutMs),
        excerpt: null,
      };
    }
    this.recorder.finish(id, exchange);
    return { exchange, body: parsed };
  }
}

function describeCall(call: Call): Pick<Exchange, 'op' | 'kind' | 'method' | 'path'> {
  return { op: call.op, kind: call.kind, method: call.method, path: call.path };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function hasErrors(body: unknown): boolean {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return typeof errors === 'object' && errors !== null && !Array.isArray(errors);
}

function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timeout after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return `no answer: ${typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause)}`;
}
