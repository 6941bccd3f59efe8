// Types that bind handlers to the contract: every handler is typed from the generated
// `operations`, so its parameters, body and answers are checked against the document.
import type { operations } from '@inkwell/openapi';
import type { Request } from 'express';
import type { HandlerDeps } from '../deps.js';
import type { AuthUser } from '../tokens.js';

export type OperationId = keyof operations;

type Defined<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type JsonBody<B> = [NonNullable<B>] extends [never]
  ? undefined
  : NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J
    : NonNullable<B> extends { content: { 'multipart/form-data': infer M } }
      ? M
      : undefined;
type ResponseBody<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type Responses<Id extends OperationId> = operations[Id]['responses'];

/** The request as a handler sees it, after validation (types coerced, defaults applied). */
export interface OperationContext<Id extends OperationId> {
  params: Defined<operations[Id]['parameters']['path']>;
  query: Defined<operations[Id]['parameters']['query']>;
  body: JsonBody<operations[Id]['requestBody']>;
  user: AuthUser | null;
  req: Request;
  deps: HandlerDeps;
}

/** One of the answers the document declares for the operation. */
export type OperationResult<Id extends OperationId> = {
  [S in keyof Responses<Id>]: {
    status: S;
    body: ResponseBody<Responses<Id>[S]>;
    headers?: Record<string, string>;
  };
}[keyof Responses<Id>];

/** A handler: returns its answer, never touches `res`; failures are thrown AppErrors. */
export type OperationHandler<Id extends OperationId> = (ctx: OperationContext<Id>) => Promise<OperationResult<Id>>;

/** Every operation of the document with its handler. */
export type HandlerRegistry = { [Id in OperationId]: OperationHandler<Id> };
