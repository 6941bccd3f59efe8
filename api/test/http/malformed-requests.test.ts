// What Node's HTTP parser refuses before Express sees it is still answered in the error shape.
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { answerClientErrors } from '../../src/http/client-errors.js';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  answerClientErrors(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Writes raw bytes on a fresh connection and returns everything the server sent back. */
async function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  socket.write(bytes);
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString();
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), headers: head, body };
}

describe('malformed requests', () => {
  test('When the request line is longer than the server accepts, then it answers 431 in the error shape', async () => {
    const res = await raw(`GET /api/v1/articles?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);

    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(res.headers).toMatch(/x-content-type-options: nosniff/i);
    expect(JSON.parse(res.body)).toEqual({ errors: { headers: ['are too large'] } });
  });

  test('When the bytes are not HTTP, then it answers 400 in the error shape', async () => {
    const res = await raw('\u0000\u0001 garbage\r\n\r\n');

    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ errors: { request: ['is not valid HTTP'] } });
  });

  test('When a header value holds a NUL, then it answers 400 in the error shape', async () => {
    const res = await raw('GET / HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0000b\r\n\r\n');

    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ errors: { request: ['is not valid HTTP'] } });
  });
});
