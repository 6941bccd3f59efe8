// The one error type the API throws on purpose, and the one wire shape every error takes:
// {"errors": {"<field or topic>": ["message", ...]}}. Below every layer: services throw these
// without knowing about HTTP, and http/ turns them into responses.

/** Messages per field or topic, as sent under `errors`. */
export type ErrorMap = Record<string, string[]>;

export interface AppErrorOptions {
  cause?: unknown;
  /** False for bugs and unknown failures: logged at error level, answered without details. */
  operational?: boolean;
  /** Extra response headers, e.g. Retry-After or Allow. */
  headers?: Record<string, string>;
}

/** An error with an HTTP status and client-safe messages; anything else becomes a 500. */
export class AppError extends Error {
  readonly status: number;
  readonly errors: ErrorMap;
  readonly operational: boolean;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, errors: ErrorMap, options: AppErrorOptions = {}) {
    super(summarise(status, errors), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.errors = errors;
    this.operational = options.operational ?? true;
    this.headers = options.headers ?? {};
  }
}

/** 422: the input is invalid; one entry per invalid field. */
export function unprocessable(errors: ErrorMap): AppError {
  return new AppError(422, errors);
}

/** 401: authentication is missing or invalid (or, for credentials, wrong). */
export function unauthorized(topic = 'token', message = 'is missing or invalid'): AppError {
  return new AppError(401, { [topic]: [message] });
}

/** 403: the caller is known but may not touch the resource. */
export function forbidden(topic: string, message = 'can only be changed by its author'): AppError {
  return new AppError(403, { [topic]: [message] });
}

/** 404: the resource does not exist. */
export function notFound(topic: string): AppError {
  return new AppError(404, { [topic]: ['not found'] });
}

/** 413: the body (or an uploaded file) is too large. */
export function payloadTooLarge(field: string, message = 'is too large'): AppError {
  return new AppError(413, { [field]: [message] });
}

/** 415: the media type of the body (or of a file) is not accepted. */
export function unsupportedMediaType(field: string, message = 'has a media type that is not accepted'): AppError {
  return new AppError(415, { [field]: [message] });
}

/** 429: too many requests; the client may retry after `retryAfterSeconds`. */
export function tooManyRequests(topic: string, message: string, retryAfterSeconds: number): AppError {
  return new AppError(
    429,
    { [topic]: [message] },
    { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } },
  );
}

/** 503: a dependency (`database`, `objectStore`, ...) is unavailable. */
export function serviceUnavailable(topic: string, cause?: unknown): AppError {
  return new AppError(503, { [topic]: ['is unavailable, retry later'] }, { cause, headers: { 'Retry-After': '1' } });
}

/** 500: something unexpected; the cause is logged, never sent. */
export function internalError(cause: unknown): AppError {
  return new AppError(500, { server: ['internal error'] }, { cause, operational: false });
}

/** The response body for an error: the single place that decides the wire shape. */
export function toErrorBody(error: AppError): { errors: ErrorMap } {
  return { errors: error.errors };
}

function summarise(status: number, errors: ErrorMap): string {
  const parts = Object.entries(errors).map(([key, messages]) => `${key} ${messages.join(', ')}`);
  return `${status}: ${parts.join('; ')}`;
}
