import { randomInt } from 'node:crypto';

// A client address of the test's own. Every test file calls from 127.0.0.1 into one database, so
// per-address rate limits would count all of them together; the app trusts its loopback proxy
// (TRUST_PROXY's default), so an X-Forwarded-For header names the client instead.

// Test files sharing a worker process get fresh modules, so the process id alone would repeat:
// each file starts at a random point of 10.0.0.0/8 and counts from there.
let next = randomInt(1, 2 ** 24 - 1000);

/** An address no other test in this run uses (in all likelihood: 24 random bits per file). */
export function uniqueClientAddress(): string {
  next += 1;
  return `10.${(next >> 16) & 0xff}.${(next >> 8) & 0xff}.${next & 0xff}`;
}

/** The header that makes a request come from `address`. */
export function fromAddress(address: string): { 'X-Forwarded-For': string } {
  return { 'X-Forwarded-For': address };
}
