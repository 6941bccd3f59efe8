// Headers every answer of the process carries, whatever produced it (an operation, an error, the
// reference, a 404). nginx adds the page-level ones (CSP, HSTS) to what it serves itself; these
// hold on a direct connection to a replica too.
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** Browsers must take the declared Content-Type as it is and never guess another from the bytes. */
export function setSecurityHeaders(res: Pick<ServerResponse, 'setHeader'>): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

export const securityHeaders: RequestHandler = (_req, res, next) => {
  setSecurityHeaders(res);
  next();
};
