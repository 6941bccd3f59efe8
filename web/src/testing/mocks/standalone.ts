// A standalone mock API over real HTTP, on the same handlers and seed as mock mode: for
// trying other Conduit front ends or mobile clients, or curl, with no backend at all.
//
// Usage (from the repository root):
//   npm run mock-api -- [--port 4010] [--host 127.0.0.1]
//       [--latency 800] [--errors 0.2] [--error-status 500|429] [--error-on 'POST /articles']
// then point a client at http://127.0.0.1:4010/api/v1 (sign in as ada@inkwell.test with the
// password inkwell-demo). CORS is open, so a front end on another origin can call it. The
// switches are the mock controls of controls.ts: every answer waits `--latency` ms; a share
// `--errors` (0 to 1) of requests fails with 503 (or `--error-status 500`; `429` refuses only the
// operations the API rate-limits, as it does), only those whose "METHOD /path" starts with
// `--error-on` when it is given.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { getResponse } from 'msw';

import { mockControls, type MockControlSettings } from './controls';
import { mockDb } from './db';
import { handlers } from './handlers';
import { setMockAssetOrigin } from './images';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Requested-With',
  'Access-Control-Max-Age': '600',
};

export interface StandaloneMockServer {
  /** e.g. `http://127.0.0.1:4010` */
  origin: string;
  close(): Promise<void>;
}

function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch needs this to stream a request body.
    duplex: 'half',
  } as RequestInit);
}

async function answer(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS).end();
    return;
  }
  const response =
    (await getResponse(handlers, toFetchRequest(req, origin), { baseUrl: origin })) ??
    Response.json({ errors: { path: ['not found'] } }, { status: 404 });
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...CORS_HEADERS });
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Starts the mock API; port 0 picks a free port. */
export async function startStandaloneMockServer(
  options: { port?: number; host?: string } = {},
): Promise<StandaloneMockServer> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const server: Server = createServer((req, res) => {
    answer(req, res, origin).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json', ...CORS_HEADERS });
      res.end(JSON.stringify({ errors: { server: ['internal error'] } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  setMockAssetOrigin(origin);
  mockDb.reset(); // the seed's image URLs carry the origin
  return {
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        setMockAssetOrigin(null);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string' },
      errors: { type: 'string' },
      'error-status': { type: 'string' },
      'error-on': { type: 'string' },
    },
  });
  const controls: Partial<MockControlSettings> = {};
  if (values.latency !== undefined) controls.latencyMs = Number(values.latency);
  if (values.errors !== undefined) controls.errorRate = Number(values.errors);
  const errorStatus = values['error-status'];
  if (errorStatus !== undefined) controls.errorStatus = errorStatus === '500' ? 500 : errorStatus === '429' ? 429 : 503;
  if (values['error-on'] !== undefined) controls.errorOn = values['error-on'];
  mockControls.set(controls);
  const server = await startStandaloneMockServer({ port: Number(values.port), host: values.host });
  process.stdout.write(`Inkwell mock API on ${server.origin}/api/v1 (sign in as ada@inkwell.test / inkwell-demo)\n`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
