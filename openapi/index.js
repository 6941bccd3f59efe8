// Runtime entry of @inkwell/openapi: where the bundled document and the Redoc page live.
import { fileURLToPath } from 'node:url';

export const openapiDocumentPath = fileURLToPath(new URL('./dist/openapi.json', import.meta.url));
export const redocPagePath = fileURLToPath(new URL('./dist/docs/index.html', import.meta.url));
