// Binds the document's operations to the handler registry for express-openapi-validator.
import type { Request, RequestHandler, Response } from 'express';
import type { HandlerDeps } from '../deps.js';
import { unprocessable } from '../errors.js';
import { unusableValueErrors } from './request-values.js';
import type { HandlerRegistry, OperationContext, OperationHandler, OperationId } from './operation.js';
import type { OperationGuards } from './rate-limits.js';
import { type ReadCache, announces, clientHolds } from './read-cache.js';

interface RouteMetadata {
  basePath: string;
  openApiRoute: string;
  method: string;
}

interface DocumentOperation {
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, { headers?: Record<string, { schema?: { const?: unknown } } | undefined> } | undefined>;
}

type OperationsByPath = Record<string, Record<string, DocumentOperation | undefined> | undefined>;

/** Response headers by status. */
type FixedHeaders = Record<string, Record<string, string>>;

/**
 * The validator's `operationHandlers.resolver`: finds the route's operationId in the document
 * (its route includes the server base path, /api/v1, which the document's paths do not) and
 * returns the adapted handler from the registry. Nothing is loaded from disk.
 */
export function createOperationResolver(
  handlers: HandlerRegistry,
  deps: HandlerDeps,
  { guards = {}, readCache }: { guards?: OperationGuards; readCache: ReadCache },
) {
  return (_handlersPath: string, route: RouteMetadata, apiDoc: { paths?: unknown }): RequestHandler => {
    const pathKey = route.openApiRoute.slice(route.basePath.length);
    const operation = (apiDoc.paths as OperationsByPath | undefined)?.[pathKey]?.[route.method.toLowerCase()];
    const id = operation?.operationId;
    if (id === undefined || !Object.hasOwn(handlers, id)) {
      throw new Error(`no handler for ${route.method} ${route.openApiRoute} (operationId ${id ?? 'missing'})`);
    }
    const operationId = id as OperationId;
    return adapt(handlers[operationId] as OperationHandler<OperationId>, deps, {
      operationId,
      guards: guards[operationId] ?? [],
      headers: fixedHeaders(operation!),
      readCache,
      // `security: []` (sign-up, sign-in, tags, health) needs no token, so one that is sent is
      // ignored: a client still holding an expired token can always sign in again.
      public: Array.isArray(operation!.security) && operation!.security.length === 0,
    });
  };
}

/**
 * Response headers the document fixes with `const` (e.g. `Cache-Control: no-store` on answers that
 * carry a token), so the contract, not each handler, says where they go.
 */
function fixedHeaders(operation: DocumentOperation): FixedHeaders {
  const fixed: FixedHeaders = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    for (const [name, header] of Object.entries(response?.headers ?? {})) {
      const value = header?.schema?.const;
      if (typeof value === 'string') (fixed[status] ??= {})[name] = value;
    }
  }
  return fixed;
}

/**
 * Runs a validated request through the checks every operation shares, then the handler, and sends
 * what it returns. In order: a rejected token (which the validator lets through anonymously on
 * operations where signing in is optional; public operations ignore the token altogether),
 * unusable values (control characters, numbers that are not finite) in any field, the operation's
 * guards (rate limits), the handler. An anonymous read the cache did not have fills it; a write
 * is announced to every replica's read cache, and answers once every replica has been told of it
 * (read-your-writes on any replica).
 */
function adapt(
  handler: OperationHandler<OperationId>,
  deps: HandlerDeps,
  options: {
    operationId: OperationId;
    guards: RequestHandler[];
    headers: FixedHeaders;
    readCache: ReadCache;
    public: boolean;
  },
): RequestHandler {
  const { operationId, readCache } = options;
  return async (req, res, next) => {
    try {
      if (req.authError && !options.public) throw req.authError;
      const unusable = unusableValueErrors({ params: req.params, query: req.query, body: req.body });
      if (unusable) throw unprocessable(unusable);
      for (const guard of options.guards) await runMiddleware(guard, req, res);
      const context = {
        params: req.params,
        query: req.query,
        body: req.body,
        user: options.public ? null : (req.user ?? null),
        req,
        deps,
      } as unknown as OperationContext<OperationId>;
      const result = await handler(context);
      const status = Number(result.status);
      if (status < 400 && req.method !== 'GET' && req.method !== 'HEAD') {
        await (announces(operationId) ? readCache.announce() : readCache.settle());
      }
      const fixed = options.headers[String(result.status)];
      const miss = req.readCacheMiss;
      if (status === 200 && miss && readCache.fillable(miss, operationId, req.query)) {
        const body = Buffer.from(JSON.stringify(result.body));
        const etag = readCache.fill(miss, operationId, body, { ...fixed, ...result.headers });
        res.set('ETag', etag);
        if (clientHolds(req, etag)) {
          res.status(304).end();
          return;
        }
      }
      if (fixed) res.set(fixed);
      if (result.headers) res.set(result.headers);
      res.status(status);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    } catch (error) {
      next(error);
    }
  };
}

/** Runs an Express middleware to its `next`: resolves when it passes, rejects with what it passes on. */
function runMiddleware(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (error?: unknown): void => {
      if (error === undefined || error === null || error === 'route' || error === 'router') resolve();
      else reject(error as Error);
    };
    Promise.resolve(middleware(req, res, next)).catch(reject);
  });
}
