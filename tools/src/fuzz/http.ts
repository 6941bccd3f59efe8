// The HTTP client of the fuzzer and the abuse run: requests to one system on this machine, from
// one chosen loopback address, as HTTP (node:http) or as raw bytes for what a well-behaved client
// cannot send. Every exchange is bounded in time, and every answer is read whatever its status or
// media type.
import { request } from 'node:http';
import net from 'node:net';

/** Where requests go and where they come from. */
export interface Target {
  /** Host to connect to (an address, brackets stripped), and its port. */
  host: string;
  port: number;
  /**
   * The loopback address requests leave from. Per-address limits (sign-ups, searches) count by
   * it, so a run from an address of its own neither uses up nor inherits another run's budget.
   */
  localAddress: string | undefined;
  timeoutMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Refuses anything but http on a loopback address: the tools must never aim at someone else. */
export function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || !(LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname))) {
    throw new Error(`only http on a loopback address can be targeted, not ${baseUrl}`);
  }
  return url;
}

/**
 * The target for a loopback `baseUrl`. Requests leave from `sourceAddress`, by default a random
 * address in 127.0.0.0/8 (not 127.0.0.1, which everything else on the machine uses) when the
 * system listens on IPv4: each run gets per-address budgets (sign-ups, searches) of its own.
 */
export function loopbackTarget(baseUrl: string, timeoutMs: number, sourceAddress?: string): Target {
  const url = assertLoopback(baseUrl);
  // nginx and the API listen on 127.0.0.1; "localhost" may resolve to ::1 first.
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
  const byte = (): number => Math.floor(Math.random() * 254) + 1;
  const random = `127.${byte()}.${byte()}.${byte()}`;
  return {
    host,
    port: Number(url.port || 80),
    localAddress: sourceAddress ?? (host.startsWith('127.') ? random : undefined),
    timeoutMs,
  };
}

export interface Reply {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** From the first byte sent to the last byte of the answer. */
  ms: number;
}

export interface Call {
  method: string;
  /** Path and query, sent exactly as given (nothing is encoded on the way). */
  path: string;
  headers?: Record<string, string>;
  token?: string;
  /** A value to send as JSON, or the exact bytes (with their own content-type in `headers`). */
  json?: unknown;
  body?: Buffer | string;
}

/** Sends one request and reads the whole answer; rejects when there is none in time. */
export function send(target: Target, call: Call): Promise<Reply> {
  const headers: Record<string, string | number> = { ...call.headers };
  let body = call.body;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers['content-type'] ??= 'application/json';
  }
  if (call.token) headers.authorization = `Token ${call.token}`;
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        localAddress: target.localAddress,
        method: call.method,
        path: call.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([name, value]) => [
                name,
                Array.isArray(value) ? value.join(', ') : String(value),
              ]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.setTimeout(target.timeoutMs, () => req.destroy(new Error(`no answer within ${target.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Writes `bytes` on a fresh connection, keeps it open (a half-closed connection may get no
 * answer) and reads what comes back until the server closes it, the answer is complete or time
 * runs out. For requests no HTTP client writes: malformed ones, oversized heads, a body announced
 * but not sent.
 */
export function sendRaw(target: Target, bytes: Buffer | string): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port, localAddress: target.localAddress });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (complete: boolean): void => {
      if (settled) return;
      const reply = parseReply(Buffer.concat(chunks).toString('utf8'), complete, performance.now() - started);
      if (!reply && !complete) return;
      settled = true;
      socket.destroy();
      if (reply) resolve(reply);
      else reject(new Error('the connection closed without an answer'));
    };
    socket.setTimeout(target.timeoutMs, () => finish(true));
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish(false);
    });
    // A server that answers and closes while we still write (a 413) resets the connection: the
    // answer read so far still counts.
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

/** The answer in `text`, once its head and the body it announces are there (or the connection ended). */
function parseReply(text: string, complete: boolean, ms: number): Reply | null {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const body = text.slice(end + 4);
  const length = headers['content-length'];
  if (!complete && (length === undefined || Buffer.byteLength(body) < Number(length))) return null;
  return { status, headers, body, ms };
}
