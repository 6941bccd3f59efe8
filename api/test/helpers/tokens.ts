// Tokens the API must refuse: expired, signed with another key, or for a user who is gone.
import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './test-app.js';

/** A token signed with `secret` for user `sub`, expiring at `expiresAt` (seconds since epoch). */
export async function signToken(sub: string, expiresAt: number, secret = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
