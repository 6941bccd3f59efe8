// Who the caller is: JSON Web Tokens (HS256, jose) naming a user, and the verified caller they
// give. Below every layer: http/ reads tokens from requests, handlers issue them on sign-in.
import { SignJWT, jwtVerify } from 'jose';
import { AppError, unauthorized } from './errors.js';

/** The signed-in caller, from a verified token. */
export interface AuthUser {
  readonly id: number;
}

const ALGORITHM = 'HS256';
const TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
// Verified tokens are remembered briefly so a busy client costs one HMAC per token, not per
// request. Bounded; entries expire with the token.
const CACHE_LIMIT = 10_000;

export interface TokenService {
  /** Signs a token for the user (sub = user id). */
  issue(userId: number): Promise<string>;
  /** Resolves the caller for a token; rejects with a 401 AppError when it is invalid or expired. */
  verify(token: string): Promise<AuthUser>;
}

/** Creates the token service; the HMAC key is imported once. */
export function createTokenService(secret: string): TokenService {
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const verified = new Map<string, { user: AuthUser; expiresAt: number }>();

  return {
    async issue(userId) {
      return new SignJWT({})
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(String(userId))
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
        .sign(await key);
    },

    async verify(token) {
      const now = Date.now();
      const cached = verified.get(token);
      if (cached && cached.expiresAt > now) return cached.user;
      let payload;
      try {
        ({ payload } = await jwtVerify(token, await key, { algorithms: [ALGORITHM], requiredClaims: ['sub', 'exp'] }));
      } catch (error) {
        throw new AppError(401, { token: ['is missing or invalid'] }, { cause: error });
      }
      const id = Number(payload.sub);
      if (!Number.isSafeInteger(id) || id < 1) throw unauthorized();
      const user: AuthUser = Object.freeze({ id });
      if (verified.size >= CACHE_LIMIT) verified.clear();
      verified.set(token, { user, expiresAt: (payload.exp ?? 0) * 1000 });
      return user;
    },
  };
}

/** The caller of an operation that requires authentication (the validator has ensured one). */
export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw unauthorized();
  return user;
}
