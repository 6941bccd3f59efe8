// Tokens the API must refuse: expired, signed with another key, for a user who is gone, or
// naming no session (or someone else's).
import { type JWTPayload, SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './test-app.js';

/**
 * A token signed with `secret` for user `sub`, expiring at `expiresAt` (seconds since epoch), with
 * `claims` besides (no `sid` unless given: no session).
 */
export async function signToken(
  sub: string,
  expiresAt: number,
  secret = TEST_JWT_SECRET,
  claims: JWTPayload = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
