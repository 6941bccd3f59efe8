// What the API logs of its requests. A line per request cost about a tenth of a read's CPU time
// (a child logger, a listener and a JSON line each), and nginx's access log already has every
// request, so a successful read that answered quickly logs at debug only. Failed answers, slow
// ones and writes are always logged; errors name the request so they can be traced through
// nginx's log (the request id). Reads answered from the read cache never get here.
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id.js';

/** A request that takes longer is logged as slow, whatever its answer. */
const SLOW_REQUEST_MS = 500;

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id (X-Request-Id), in every log line about the request. */
    id: string;
  }
}

/** What a log line says of its request. */
export function requestFields(req: Request): { id: string; method: string; url: string } {
  return { id: req.id, method: req.method, url: req.originalUrl };
}

/** Gives the request its id (echoed in X-Request-Id) and logs its answer as said above. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    req.id = requestIdOf(req);
    res.setHeader('X-Request-Id', req.id);
    res.on('finish', () => {
      const ms = performance.now() - started;
      const status = res.statusCode;
      const level =
        status >= 500
          ? 'error'
          : status >= 400 || ms >= SLOW_REQUEST_MS
            ? 'warn'
            : req.method !== 'GET' && req.method !== 'HEAD'
              ? 'info'
              : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        { req: requestFields(req), res: { statusCode: status }, responseTime: Math.round(ms) },
        ms >= SLOW_REQUEST_MS ? 'slow request' : 'request completed',
      );
    });
    next();
  };
}
