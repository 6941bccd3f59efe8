// Binds the document's operations to the handler registry for express-openapi-validator.
import type { RequestHandler } from 'express';
import type { HandlerDeps } from '../deps.js';
import type { HandlerRegistry, OperationContext, OperationHandler, OperationId } from './operation.js';

interface RouteMetadata {
  basePath: string;
  openApiRoute: string;
  method: string;
}

type OperationsByPath = Record<string, Record<string, { operationId?: string } | undefined> | undefined>;

/**
 * The validator's `operationHandlers.resolver`: finds the route's operationId in the document
 * (its route includes the server base path, /api/v1, which the document's paths do not) and
 * returns the adapted handler from the registry. Nothing is loaded from disk.
 */
export function createOperationResolver(handlers: HandlerRegistry, deps: HandlerDeps) {
  return (_handlersPath: string, route: RouteMetadata, apiDoc: { paths?: unknown }): RequestHandler => {
    const pathKey = route.openApiRoute.slice(route.basePath.length);
    const operation = (apiDoc.paths as OperationsByPath | undefined)?.[pathKey]?.[route.method.toLowerCase()];
    const id = operation?.operationId;
    if (id === undefined || !Object.hasOwn(handlers, id)) {
      throw new Error(`no handler for ${route.method} ${route.openApiRoute} (operationId ${id ?? 'missing'})`);
    }
    return adapt(handlers[id as OperationId] as OperationHandler<OperationId>, deps);
  };
}

/**
 * Runs a handler with the validated request and sends what it returns. A rejected token fails
 * here too on operations where signing in is optional, since the validator lets those through
 * anonymously.
 */
function adapt(handler: OperationHandler<OperationId>, deps: HandlerDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      if (req.authError) throw req.authError;
      const context = {
        params: req.params,
        query: req.query,
        body: req.body,
        user: req.user ?? null,
        req,
        deps,
      } as unknown as OperationContext<OperationId>;
      const result = await handler(context);
      if (result.headers) res.set(result.headers);
      res.status(Number(result.status));
      if (result.body === undefined) res.end();
      else res.json(result.body);
    } catch (error) {
      next(error);
    }
  };
}
