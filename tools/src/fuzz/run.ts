// Sends fuzz cases (cases.ts) to an API on this machine and checks every answer: nothing at or
// above 500, and every error in the contract's shape, `{"errors": {"<key>": ["<message>", ...]}}`
// as JSON. Bounded in requests and in time; loopback addresses only.
import { request } from 'node:http';
import net from 'node:net';
import { Random } from '../seed/random.js';
import { createCaseMaker, type FuzzCase, type FuzzFixtures, operationsOf } from './cases.js';

export interface FuzzOptions {
  /** The API base, e.g. http://127.0.0.1:3000/api/v1; must be on a loopback address. */
  baseUrl: string;
  requests: number;
  /** The run stops after this long even when fewer requests were sent. */
  timeLimitMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  seed: number;
  /** How long one request may take before it counts as a failure. */
  requestTimeoutMs?: number;
}

export interface FuzzFailure {
  label: string;
  method: string;
  path: string;
  status: number | null;
  problem: string;
  body: string;
}

export interface FuzzReport {
  sent: number;
  /** Cases the HTTP client itself refused to send (e.g. a header Node will not write). */
  unsendable: number;
  byStatus: Record<string, number>;
  failures: FuzzFailure[];
  /** How many failures there were in all (`failures` keeps the first few). */
  failed: number;
  seconds: number;
}

const KEPT_FAILURES = 25;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Refuses anything but http on a loopback address: the tool must never aim at someone else. */
export function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || !(LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname))) {
    throw new Error(`the fuzzer only targets http on a loopback address, not ${baseUrl}`);
  }
  return url;
}

/** Signs two fuzz users up and creates an article and a comment, so cases can reach existing things. */
export async function prepareFixtures(baseUrl: string, random: Random): Promise<FuzzFixtures> {
  const username = `fuzzer${random.int(0, 1e9)}`;
  const own = `fuzzself${random.int(0, 1e9)}`;
  const call = async <T>(method: string, path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const { user } = await call<{ user: { token: string } }>('POST', '/users', {
    user: { username, email: `${username}@example.com`, password: 'fuzz-password-1' },
  });
  const { article } = await call<{ article: { slug: string } }>(
    'POST',
    '/articles',
    { article: { title: `Fuzz target ${username}`, description: 'd', body: 'b', tagList: ['fuzz'] } },
    user.token,
  );
  const { comment } = await call<{ comment: { id: number } }>(
    'POST',
    `/articles/${article.slug}/comments`,
    { comment: { body: 'c' } },
    user.token,
  );
  const { user: self } = await call<{ user: { token: string } }>('POST', '/users', {
    user: { username: own, email: `${own}@example.com`, password: 'fuzz-password-1' },
  });
  return { token: user.token, ownAccountToken: self.token, username, slug: article.slug, commentId: comment.id };
}

/** Runs the fuzz cases against `options.baseUrl` and reports what came back. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const base = assertLoopback(options.baseUrl);
  const random = new Random(options.seed);
  const documentResponse = await fetch(`${options.baseUrl}/openapi.json`, { signal: AbortSignal.timeout(15_000) });
  if (!documentResponse.ok) throw new Error(`${options.baseUrl}/openapi.json answered ${documentResponse.status}`);
  const operations = operationsOf((await documentResponse.json()) as Record<string, unknown>);
  const fixtures = await prepareFixtures(options.baseUrl, random.fork('fixtures'));
  const nextCase = createCaseMaker(operations, fixtures, random.fork('cases'));

  const report: FuzzReport = { sent: 0, unsendable: 0, byStatus: {}, failures: [], failed: 0, seconds: 0 };
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  let issued = 0;
  const fail = (failure: FuzzFailure): void => {
    report.failed += 1;
    if (report.failures.length < KEPT_FAILURES) report.failures.push(failure);
  };

  const worker = async (): Promise<void> => {
    while (issued < options.requests && performance.now() < deadline) {
      issued += 1;
      const fuzzCase = nextCase();
      const answer = await send(base, fuzzCase, options.requestTimeoutMs ?? 15_000);
      if (answer.kind === 'unsendable') {
        report.unsendable += 1;
        continue;
      }
      report.sent += 1;
      const key = answer.kind === 'answer' ? String(answer.status) : answer.kind;
      report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
      const method = fuzzCase.kind === 'http' ? fuzzCase.method : 'RAW';
      const path = fuzzCase.kind === 'http' ? fuzzCase.path.slice(0, 200) : fuzzCase.bytes.toString('latin1', 0, 80);
      if (answer.kind !== 'answer') {
        fail({ label: fuzzCase.label, method, path, status: null, problem: answer.kind, body: answer.detail });
        continue;
      }
      const problem = checkAnswer(method, answer);
      if (problem)
        fail({ label: fuzzCase.label, method, path, status: answer.status, problem, body: answer.body.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

type Answer =
  | { kind: 'answer'; status: number; contentType: string; body: string }
  | { kind: 'no answer' | 'timeout'; detail: string }
  | { kind: 'unsendable'; detail: string };

/** What is wrong with an answer, or null: a 5xx, or an error that is not the contract's JSON shape. */
export function checkAnswer(
  method: string,
  answer: { status: number; contentType: string; body: string },
): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400 || method === 'HEAD') return null;
  if (!/^application\/json\b/i.test(answer.contentType)) return `error with content-type "${answer.contentType}"`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return 'error body is not JSON';
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  const shaped =
    parsed !== null &&
    typeof parsed === 'object' &&
    Object.keys(parsed).length === 1 &&
    errors !== null &&
    typeof errors === 'object' &&
    !Array.isArray(errors) &&
    Object.keys(errors).length > 0 &&
    Object.values(errors).every(
      (messages) =>
        Array.isArray(messages) && messages.length > 0 && messages.every((message) => typeof message === 'string'),
    );
  return shaped ? null : 'error body is not in the {"errors": {...}} shape';
}

function send(base: URL, fuzzCase: FuzzCase, timeoutMs: number): Promise<Answer> {
  return fuzzCase.kind === 'raw' ? sendRaw(base, fuzzCase.bytes, timeoutMs) : sendHttp(base, fuzzCase, timeoutMs);
}

function sendHttp(base: URL, fuzzCase: Extract<FuzzCase, { kind: 'http' }>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    let req;
    try {
      req = request(
        {
          host: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port,
          method: fuzzCase.method,
          path: `${base.pathname.replace(/\/+$/, '')}${fuzzCase.path}`,
          headers: { ...fuzzCase.headers, ...(fuzzCase.body ? { 'content-length': fuzzCase.body.length } : {}) },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              kind: 'answer',
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', (error) => resolve({ kind: 'no answer', detail: error.message }));
        },
      );
    } catch (error) {
      resolve({ kind: 'unsendable', detail: (error as Error).message });
      return;
    }
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ kind: 'timeout', detail: `no answer within ${timeoutMs} ms` });
    });
    // The server may answer (413, 431) and close before the whole body is written: the answer counts.
    req.on('error', (error) => resolve({ kind: 'no answer', detail: error.message }));
    req.end(fuzzCase.body);
  });
}

function sendRaw(base: URL, bytes: Buffer, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(base.port), base.hostname.replace(/^\[|\]$/g, ''));
    const chunks: Buffer[] = [];
    let settled = false;
    // The answer, once its head and as many body bytes as it announces have arrived.
    const parse = (complete: boolean): Answer | null => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) return null;
      const head = text.slice(0, end);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
      if (!status) return null;
      const body = text.slice(end + 4);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
      if (!complete && (length === undefined || Buffer.byteLength(body) < Number(length))) return null;
      return { kind: 'answer', status, contentType: /\r\ncontent-type: *([^\r\n]*)/i.exec(head)?.[1] ?? '', body };
    };
    const settle = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () =>
      settle(parse(true) ?? { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` }),
    );
    // Written without closing our side: a half-closed connection gets no answer to a bad request.
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = parse(false);
      if (answer) settle(answer);
    });
    socket.on('error', () => undefined);
    socket.on('close', () =>
      settle(
        parse(true) ?? {
          kind: 'no answer',
          detail: Buffer.concat(chunks).toString('utf8').slice(0, 200) || 'the connection closed without an answer',
        },
      ),
    );
  });
}
