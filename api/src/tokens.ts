// Who the caller is: JSON Web Tokens (HS256, jose), each naming a user and one of their sign-in
// sessions, and the verified caller they give. A token is good only while its session is live:
// signing out or changing the password revokes sessions, and no request extends one. Below every
// layer: http/ reads tokens from requests, the users module issues and revokes them.
import { SignJWT, jwtVerify } from 'jose';
import type { Queryable } from './db/pool.js';
import type { SessionStore } from './db/session-store.js';
import { AppError, unauthorized } from './errors.js';

/** The signed-in caller, from a verified token of a live session. */
export interface AuthUser {
  readonly id: number;
  readonly sessionId: string;
  /** The token as the caller sent it. */
  readonly token: string;
}

/** A token and the session it belongs to. */
export interface IssuedToken {
  readonly token: string;
  readonly sessionId: string;
}

const ALGORITHM = 'HS256';
// Verified signatures are remembered so a busy client costs one HMAC per token, not per request.
// Bounded; entries expire with the token. Whether its session is still live is asked every time.
const CACHE_LIMIT = 10_000;

export interface TokenService {
  /** Starts a session for the user and signs its token (sub = user id, sid = session id). */
  issue(db: Queryable, userId: number): Promise<IssuedToken>;
  /** The caller of a token; rejects with a 401 AppError when it is invalid, expired or revoked. */
  verify(token: string): Promise<AuthUser>;
  /** Ends one session: its token is refused from now on, on every replica. */
  revoke(db: Queryable, sessionId: string): Promise<void>;
  /** Ends every other live session of the user; answers their ids. */
  revokeOthers(db: Queryable, userId: number, keepSessionId: string): Promise<string[]>;
  /** Drops sessions from this process's cache once the transaction that revoked them has committed. */
  forget(sessionIds: Iterable<string>): void;
}

export interface TokenServiceOptions {
  secret: string;
  /** The absolute lifetime of a session. */
  sessionTtlSeconds: number;
  sessions: SessionStore;
}

/** Creates the token service; the HMAC key is imported once. */
export function createTokenService({ secret, sessionTtlSeconds, sessions }: TokenServiceOptions): TokenService {
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const verified = new Map<string, { user: AuthUser; expiresAt: number }>();

  const signed = async (token: string): Promise<AuthUser> => {
    const cached = verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.user;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await key, {
        algorithms: [ALGORITHM],
        requiredClaims: ['sub', 'sid', 'exp'],
      }));
    } catch (error) {
      throw new AppError(401, { token: ['is missing or invalid'] }, { cause: error });
    }
    const id = Number(payload.sub);
    if (!Number.isSafeInteger(id) || id < 1 || typeof payload.sid !== 'string') throw unauthorized();
    const user: AuthUser = Object.freeze({ id, sessionId: payload.sid, token });
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(token, { user, expiresAt: (payload.exp ?? 0) * 1000 });
    return user;
  };

  return {
    async issue(db, userId) {
      const session = await sessions.create(db, userId, sessionTtlSeconds);
      const token = await new SignJWT({ sid: session.id })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(String(userId))
        .setIssuedAt()
        .setExpirationTime(Math.floor(session.expiresAt / 1000))
        .sign(await key);
      return { token, sessionId: session.id };
    },

    async verify(token) {
      const user = await signed(token);
      // A database failure here rejects with that error (a 503), not with a 401: the token
      // may well be good, and a 401 would sign the client out.
      const session = await sessions.find(user.sessionId);
      if (!session || session.userId !== user.id || session.expiresAt <= Date.now()) throw unauthorized();
      return user;
    },

    async revoke(db, sessionId) {
      await sessions.revoke(db, sessionId);
    },

    revokeOthers: (db, userId, keepSessionId) => sessions.revokeOthers(db, userId, keepSessionId),

    forget: (sessionIds) => sessions.forget(sessionIds),
  };
}

/** The caller of an operation that requires authentication (the validator has ensured one). */
export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw unauthorized();
  return user;
}
