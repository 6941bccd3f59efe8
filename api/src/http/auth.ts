// Authentication on the wire: the token from `Authorization: Token <jwt>` (or `Bearer <jwt>`)
// becomes `req.user`, or `req.authError` when it is not valid.
import type { RequestHandler } from 'express';
import { AppError, unauthorized } from '../errors.js';
import type { AuthUser, TokenService } from '../tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The verified caller; absent for anonymous requests. */
    user?: AuthUser;
    /** Set when an Authorization header was sent but is not a valid token. */
    authError?: AppError;
  }
}

const HEADER = /^(?:Token|Bearer) +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;

/**
 * Reads the Authorization header. A valid token of a live session sets `req.user`; a malformed,
 * expired, forged or revoked one sets `req.authError`, which becomes a 401 on every operation
 * that reads a token, optional-auth ones included; public ones (`security: []`) ignore both.
 */
export function authenticate(tokens: TokenService): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header === '') {
      next();
      return;
    }
    const match = HEADER.exec(header);
    if (!match) {
      req.authError = unauthorized();
      next();
      return;
    }
    tokens.verify(match[1]!).then(
      (user) => {
        req.user = user;
        next();
      },
      (error: unknown) => {
        // A refused token is the operation's 401; anything else (the database is down while the
        // session is checked) fails the request as it is, so the client keeps its token.
        if (error instanceof AppError && error.status === 401) {
          req.authError = error;
          next();
        } else {
          next(error);
        }
      },
    );
  };
}

/** The validator's handler for the `Token` security scheme: a verified caller or a 401. */
export function tokenSecurityHandler(req: { user?: AuthUser; authError?: AppError }): true {
  if (req.authError) throw req.authError;
  if (!req.user) throw unauthorized();
  return true;
}
