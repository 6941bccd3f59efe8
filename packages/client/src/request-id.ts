// Request ids for `X-Request-Id`: the API logs each request under the id it was sent (or one it
// makes up) and answers with it, so a caller and an operator can name the same request.

/** A random UUID (version 4). */
export function randomRequestId(): string {
  const { crypto } = globalThis;
  // Browsers offer randomUUID only on secure origins (https, localhost); getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
