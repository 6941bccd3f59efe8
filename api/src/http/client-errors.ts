// Requests Node's HTTP parser refuses before Express sees them (a request line or headers over
// the size limit, bytes that are not HTTP, a request that never finishes) are answered in the
// contract's error shape too, instead of Node's bare status line.
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorMap } from '../errors.js';

/** Answers the server's client errors with `{"errors": {...}}` JSON and closes the connection. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, errors] = answerFor(error.code);
    const body = JSON.stringify({ errors });
    // An answer to HEAD has no body, though it says how long the body would be.
    const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        (head ? '' : body),
    );
  });
}

function answerFor(code: string | undefined): [number, ErrorMap] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, { headers: ['are too large'] }];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, { request: ['took too long to arrive'] }];
    default:
      return [400, { request: ['is not valid HTTP'] }];
  }
}
