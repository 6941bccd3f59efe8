// Generates the client's types from the bundled contract (`@inkwell/openapi/openapi.json`) with
// the same generator and options as the contract's own `schema.d.ts`, into src/generated/. The
// published package carries them in dist/generated/, so it needs nothing of ours when installed.
//
//   node scripts/generate-schema.js
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const documentPath = fileURLToPath(import.meta.resolve('@inkwell/openapi/openapi.json'));
const output = new URL('../src/generated/schema.d.ts', import.meta.url);

const banner = [
  '/**',
  ' * Generated from the Inkwell OpenAPI document by openapi-typescript (`npm run generate`).',
  ' * Do not make direct changes to the file.',
  ' */',
  '',
].join('\n');

const ast = await openapiTS(JSON.parse(readFileSync(documentPath, 'utf8')));
mkdirSync(new URL('.', output), { recursive: true });
writeFileSync(output, `${banner}\n${astToString(ast)}`);
