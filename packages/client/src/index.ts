// @inkwell/client: a typed client of the Inkwell API, generated from its OpenAPI contract. The
// types of every path, operation and schema come with it (`paths`, `operations`, `components`).
import type { components } from './generated/schema.js';

export {
  createInkwellClient,
  type InkwellClient,
  type InkwellClientOptions,
  type TokenSource,
} from './inkwell-client.js';
export { InkwellApiError, unwrap, type ApiResult, type DataOf, type ErrorMap } from './api-error.js';
export { paginate, type PaginatedPath, type PaginateOptions } from './paginate.js';
export { uploadAsset, type UploadAssetOptions, type UploadAssetResult } from './upload-asset.js';
export type { UploadProgress } from './xhr-fetch.js';
export type { RetryOptions } from './retry-options.js';
export type { Middleware } from 'openapi-fetch';
export type * from './generated/schema.js';

/** A schema of the contract by its name: `Schema<'Article'>`, `Schema<'Profile'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
