// A local HTTP server standing in for the API in the unit tests: it answers each request with
// what the test's handler returns and keeps every request it received, body included.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** The path and query, e.g. `/api/v1/articles?limit=2`, as a URL on the server's origin. */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless a string (then as is). */
  body?: unknown;
}

export type Handler = (request: ReceivedRequest, index: number) => Answer | Promise<Answer>;

export interface TestServer {
  /** The API base URL on this server: `http://127.0.0.1:<port>/api/v1`. */
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1; `handler` answers every request. */
export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const index = requests.push(received) - 1;
      Promise.resolve(handler(received, index))
        .then(({ status, headers = {}, body }) => {
          const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
          const type = typeof body === 'string' ? 'text/html' : 'application/json';
          res.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': type }), ...headers });
          res.end(text);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A `User` of the contract, for answers that need one. */
export function aUser(username = 'ada') {
  return {
    email: `${username}@example.com`,
    token: `token-of-${username}`,
    username,
    bio: '',
    image: `https://assets.inkwell.example/avatars/${username}.webp`,
  };
}
