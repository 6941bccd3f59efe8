export type * from './dist/schema.js';
/** Absolute path of the bundled OpenAPI document (JSON). */
export declare const openapiDocumentPath: string;
/** Absolute path of the Redoc reference page built from it. */
export declare const redocPagePath: string;
