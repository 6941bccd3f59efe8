// Turns anything thrown while serving a request into an AppError: the validator's errors (in
// Conduit's wording), the body parser's, database outages, and unknown failures.
import { formatBytes } from '@inkwell/rules';
import { isDatabaseUnavailable } from '../db/errors.js';
import {
  AppError,
  type ErrorMap,
  internalError,
  notFound,
  payloadTooLarge,
  serviceUnavailable,
  unauthorized,
  unprocessable,
  unsupportedMediaType,
} from '../errors.js';

/** One item of express-openapi-validator's `errors`. */
interface ValidationItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

/** The shape of express-openapi-validator's HttpError (and of body-parser's errors). */
interface HttpLikeError {
  message?: string;
  status?: number;
  statusCode?: number;
  type?: string;
  name?: string;
  errors?: ValidationItem[];
  headers?: Record<string, string>;
  limit?: number;
}

// What busboy (under multer) says about a malformed multipart body.
const MULTIPART_PARSE_FAILURE =
  /^(Unexpected end of (form|file)|Malformed part header|Part terminated early|Multipart: Boundary not found|Malformed urlencoded form)/;

/** Normalises any thrown value to an AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable('database', error);
  if (typeof error !== 'object' || error === null) return internalError(error);

  const http = error as HttpLikeError;
  switch (http.type) {
    case 'entity.parse.failed':
      return new AppError(422, { body: ['is not valid JSON'] }, { cause: error });
    case 'entity.too.large':
      return payloadTooLarge(
        'body',
        `is too large (maximum is ${http.limit === undefined ? 'the limit' : formatBytes(http.limit)})`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return unsupportedMediaType('body', 'has an unsupported encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError(422, { body: ['was not received completely'] }, { cause: error });
    default:
      break;
  }

  const status = http.status ?? http.statusCode;
  // A multipart body the form parser cannot read is the client's doing, though the validator
  // passes it on as a 500.
  if (status === 500 && MULTIPART_PARSE_FAILURE.test(http.message ?? '')) {
    return new AppError(422, { file: ['was not received as a complete multipart form'] }, { cause: error });
  }
  switch (status) {
    case 400:
      return unprocessable(fromValidationItems(http.errors ?? []));
    case 401:
      return unauthorized();
    case 403:
      return new AppError(403, { token: ['does not allow this'] });
    case 404:
      return notFound('path');
    case 405:
      return new AppError(405, { method: ['is not allowed on this path'] }, { headers: http.headers ?? {} });
    case 413:
      return payloadTooLarge('body');
    case 415:
      return unsupportedMediaType('body', 'must be application/json');
    default:
      return internalError(error);
  }
}

/** Groups validator items by field, with Conduit's wording ("can't be blank"). */
export function fromValidationItems(items: readonly ValidationItem[]): ErrorMap {
  const errors: ErrorMap = {};
  for (const item of items) {
    const field = fieldOf(item.path ?? '');
    const message = conduitMessage(item);
    const messages = (errors[field] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  if (Object.keys(errors).length === 0) errors.body = ['is invalid'];
  return errors;
}

/** '/body/user/email' → 'email'; '/body/article/tagList/2' → 'tagList'; '/body' → 'body'. */
function fieldOf(path: string): string {
  const segments = path.split(/[/.]/).filter((segment) => segment !== '' && !/^\d+$/.test(segment));
  const last = segments.at(-1);
  return last === undefined || ['query', 'params', 'headers'].includes(last) ? 'body' : last;
}

function conduitMessage(item: ValidationItem): string {
  const message = item.message ?? '';
  const keyword = item.errorCode?.replace(/\.openapi\.validation$/, '');
  const n = /(\d+)/.exec(message)?.[1];
  switch (keyword) {
    case 'required':
      return "can't be blank";
    case 'minLength':
      return n === '1' ? "can't be blank" : `is too short (minimum is ${n} characters)`;
    case 'maxLength':
      return `is too long (maximum is ${n} characters)`;
    case 'pattern':
      // Our only whitespace rule is pattern '\S': a value of spaces alone is blank.
      return message.endsWith('pattern "\\S"') ? "can't be blank" : 'is invalid';
    case 'format':
      return 'is invalid';
    case 'type':
      return `must be ${/must be (.+)$/.exec(message)?.[1] ?? 'of another type'}`;
    case 'minimum':
      return `must be greater than or equal to ${/([-\d.]+)$/.exec(message)?.[1]}`;
    case 'maximum':
      return `must be less than or equal to ${/([-\d.]+)$/.exec(message)?.[1]}`;
    case 'maxItems':
      return `is too long (maximum is ${n} items)`;
    case 'uniqueItems':
      return 'must not contain duplicates';
    case 'minProperties':
      return 'must change at least one field';
    case 'enum':
      return 'is not one of the allowed values';
    default:
      if (/^Empty value found/.test(message)) return "can't be blank";
      if (/request\/body must have required property|request body required/i.test(message)) return "can't be blank";
      return 'is invalid';
  }
}
