// The last middleware: every failure leaves as {"errors": {...}} with the right status.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { notFound, toErrorBody } from '../errors.js';
import { toAppError } from './error-mapping.js';
import { requestFields } from './request-log.js';

/** Sends the error in the contract's shape; logs unexpected ones with their cause, never sends it. */
export const errorMiddleware =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, next) => {
    const appError = toAppError(error);
    if (!appError.operational) {
      logger.error({ req: requestFields(req), err: error }, 'unexpected error');
    } else if (appError.status >= 500) {
      logger.warn({ req: requestFields(req), err: appError.cause ?? appError }, appError.message);
    }
    if (res.headersSent) {
      next(error);
      return;
    }
    res.set(appError.headers);
    res.status(appError.status).json(toErrorBody(appError));
  };

/** Anything under /api/v1 that nothing answered. */
export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(notFound('path'));
};
