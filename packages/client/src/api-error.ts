// The one error the client throws for an error answer of the API, and `unwrap()`, which turns an
// openapi-fetch result into its data or that error.
import type { components } from './generated/schema.js';

/** The contract's error map: a field (or a topic such as `article` or `credentials`) to its messages. */
export type ErrorMap = components['schemas']['ErrorEnvelope']['errors'];

function isErrorMap(value: unknown): value is ErrorMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'))
  );
}

/** The `errors` of a body in the contract's shape; empty for anything else (a proxy's HTML page). */
function errorsOf(body: unknown): ErrorMap {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return {};
  return isErrorMap(body.errors) ? body.errors : {};
}

function messagesOf(errors: ErrorMap): string[] {
  return Object.entries(errors).flatMap(([key, list]) => list.map((message) => `${key} ${message}`));
}

/** An answer with an error status (4xx, 5xx), with the contract's `{"errors": {...}}` map. */
export class InkwellApiError extends Error {
  override readonly name = 'InkwellApiError';
  /** The HTTP status, e.g. 422. */
  readonly status: number;
  /** The field (or topic) → messages map; `{}` when the body was not in the contract's shape. */
  readonly errors: ErrorMap;
  /** The `X-Request-Id` the API answered with (the one the client sent): quote it in bug reports. */
  readonly requestId: string | null;
  /** The answer itself, for its headers (`Retry-After` on 429 and 503). Its body has been read. */
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const errors = errorsOf(body);
    const messages = messagesOf(errors);
    super(`Inkwell API answered ${response.status}${messages.length > 0 ? `: ${messages.join('; ')}` : ''}`);
    this.status = response.status;
    this.errors = errors;
    this.requestId = response.headers.get('X-Request-Id');
    this.response = response;
  }

  /** Every message prefixed by its field, as a person reads it: `email has already been taken`. */
  get messages(): string[] {
    return messagesOf(this.errors);
  }
}

/** What every call of an openapi-fetch client resolves to. */
export interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The data of a result's success branch; `undefined` for answers without a body (204). */
export type DataOf<Result> = [SuccessData<Result>] extends [never] ? undefined : SuccessData<Result>;
type SuccessData<Result> = Result extends { data: infer Data; error?: never } ? Data : never;

/**
 * The data of a successful answer, or an `InkwellApiError` thrown for an error status:
 *
 *     const { article } = await unwrap(client.GET('/articles/{slug}', { params: { path: { slug } } }));
 */
export async function unwrap<Result extends ApiResult>(result: Result | Promise<Result>): Promise<DataOf<Result>> {
  const { data, error, response } = await result;
  if (!response.ok) throw new InkwellApiError(response, error);
  return data as DataOf<Result>;
}
