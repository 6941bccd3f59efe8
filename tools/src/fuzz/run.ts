// Sends fuzz cases (cases.ts) to an API on this machine, directly or through nginx, and checks
// every answer: nothing at or above 500, and every error in the contract's shape,
// `{"errors": {"<key>": ["<message>", ...]}}` as JSON, nginx's own refusals included. A request
// that lands outside the API once its dot segments are resolved (`/api/v1/%2e%2e/` is `/`, the
// web app's) or names no path at all (bytes that are not HTTP) is not an API request: only its
// status is checked. Bounded in requests and in time; loopback addresses only.
import { request } from 'node:http';
import net from 'node:net';
import { Random } from '../seed/random.js';
import { createCaseMaker, type FuzzCase, type FuzzFixtures, operationsOf } from './cases.js';
import { type Target, loopbackTarget, send as sendCall } from './http.js';

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
  /**
   * The loopback address requests leave from; default a random one per run (http.ts): the run
   * signs users up, and the cases sign up more, so each run needs a sign-up budget of its own.
   */
  sourceAddress?: string;
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
  /** Requests that landed outside the API's base path (see above): checked for < 500 only. */
  outsideApi: number;
  failures: FuzzFailure[];
  /** Every failure, counted by its problem and the case's label. */
  failureKinds: Record<string, number>;
  /** How many failures there were in all (`failures` keeps the first few). */
  failed: number;
  seconds: number;
}

const KEPT_FAILURES = 25;

/** GET or POST under the API's base path; the parsed JSON of a 2xx answer, else a thrown error. */
async function callJson<T>(
  target: Target,
  basePath: string,
  method: string,
  path: string,
  json?: unknown,
  token?: string,
): Promise<T> {
  const reply = await sendCall(target, { method, path: `${basePath}${path}`, json, token });
  if (reply.status < 200 || reply.status > 299) {
    throw new Error(`${method} ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
  }
  return JSON.parse(reply.body) as T;
}

/** Signs two fuzz users up and creates an article and a comment, so cases can reach existing things. */
async function prepareFixtures(target: Target, basePath: string, random: Random): Promise<FuzzFixtures> {
  // The clock, not the seed, keeps names apart from a previous run's on a database that persists.
  const run = Date.now().toString(36);
  const username = `fuzzer${random.int(0, 1e9)}${run}`;
  const own = `fuzzself${random.int(0, 1e9)}${run}`;
  const call = <T>(method: string, path: string, body: unknown, token?: string): Promise<T> =>
    callJson<T>(target, basePath, method, path, body, token);
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
  const base = new URL(options.baseUrl);
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const target = loopbackTarget(options.baseUrl, timeoutMs, options.sourceAddress);
  const basePath = base.pathname.replace(/\/+$/, '');
  const random = new Random(options.seed);
  const document = await callJson<Record<string, unknown>>(target, basePath, 'GET', '/openapi.json');
  const operations = operationsOf(document);
  const fixtures = await prepareFixtures(target, basePath, random.fork('fixtures'));
  const nextCase = createCaseMaker(operations, fixtures, random.fork('cases'));

  const report: FuzzReport = {
    sent: 0,
    unsendable: 0,
    byStatus: {},
    outsideApi: 0,
    failures: [],
    failureKinds: {},
    failed: 0,
    seconds: 0,
  };
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  let issued = 0;
  const fail = (failure: FuzzFailure): void => {
    report.failed += 1;
    const kind = `${failure.problem.replace(/\d{3}/, 'N')}: ${failure.label}`;
    report.failureKinds[kind] = (report.failureKinds[kind] ?? 0) + 1;
    if (report.failures.length < KEPT_FAILURES) report.failures.push(failure);
  };

  const worker = async (): Promise<void> => {
    while (issued < options.requests && performance.now() < deadline) {
      issued += 1;
      const fuzzCase = nextCase();
      const answer = await send(target, basePath, fuzzCase);
      if (answer.kind === 'unsendable') {
        report.unsendable += 1;
        continue;
      }
      report.sent += 1;
      // HTTP/0.9 has no status line: a closed connection, or a bare body that is no HTML page, is
      // all such a request can get.
      const http09Answered =
        fuzzCase.kind === 'raw' &&
        fuzzCase.http09 === true &&
        answer.kind === 'no answer' &&
        !/<html/i.test(answer.detail);
      const key = answer.kind === 'answer' ? String(answer.status) : http09Answered ? 'HTTP/0.9' : answer.kind;
      report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
      if (http09Answered) continue;
      const method = fuzzCase.kind === 'http' ? fuzzCase.method : 'RAW';
      const path = fuzzCase.kind === 'http' ? fuzzCase.path.slice(0, 200) : fuzzCase.bytes.toString('latin1', 0, 80);
      if (answer.kind !== 'answer') {
        fail({ label: fuzzCase.label, method, path, status: null, problem: answer.kind, body: answer.detail });
        continue;
      }
      const api = isUnder(landingPath(base, fuzzCase), base.pathname);
      if (!api) report.outsideApi += 1;
      const problem = api ? checkAnswer(method, answer) : answer.status >= 500 ? `answered ${answer.status}` : null;
      if (problem)
        fail({ label: fuzzCase.label, method, path, status: answer.status, problem, body: answer.body.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * The path a case's request is for once dot segments are resolved, as nginx and browsers resolve
 * them (`/api/v1/%2e%2e/x` is `/x`); null when its bytes name none (a request line that is not HTTP).
 */
function landingPath(base: URL, fuzzCase: FuzzCase): string | null {
  const target =
    fuzzCase.kind === 'http'
      ? `${base.pathname.replace(/\/+$/, '')}${fuzzCase.path}`
      : /^[A-Z]+ +(\/[^ \r\n]*)/.exec(fuzzCase.bytes.toString('latin1'))?.[1];
  if (!target) return null;
  try {
    return new URL(target, 'http://fuzz.invalid').pathname;
  } catch {
    return null;
  }
}

/** Whether `path` is `basePath` or below it. */
function isUnder(path: string | null, basePath: string): boolean {
  const base = basePath.replace(/\/+$/, '');
  return path !== null && (path === base || path.startsWith(`${base}/`) || base === '');
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

function send(target: Target, basePath: string, fuzzCase: FuzzCase): Promise<Answer> {
  return fuzzCase.kind === 'raw' ? sendRaw(target, fuzzCase.bytes) : sendHttp(target, basePath, fuzzCase);
}

function sendHttp(target: Target, basePath: string, fuzzCase: Extract<FuzzCase, { kind: 'http' }>): Promise<Answer> {
  const timeoutMs = target.timeoutMs;
  return new Promise((resolve) => {
    let req;
    try {
      req = request(
        {
          host: target.host,
          port: target.port,
          localAddress: target.localAddress,
          method: fuzzCase.method,
          path: `${basePath}${fuzzCase.path}`,
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

function sendRaw(target: Target, bytes: Buffer): Promise<Answer> {
  const timeoutMs = target.timeoutMs;
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port, localAddress: target.localAddress });
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
