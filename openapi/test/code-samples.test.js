// The reference shows how to call every operation: each one carries a curl and a TypeScript
// sample (made by scripts/code-samples.js at generate time), and every TypeScript sample
// type-checks against the generated `paths`, so a contract change cannot leave one behind: a
// path, a parameter or a field of the answer that no longer exists fails here. (Bodies come from
// the contract's own examples, which contract.test.js validates against their schemas.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { openapiDocumentPath } from '../index.js';

const doc = JSON.parse(readFileSync(openapiDocumentPath, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = Object.entries(doc.paths).flatMap(([route, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ key: `${method.toUpperCase()} ${route}`, op: item[method] })),
);

// The samples and a stand-in for the client package live in a folder that exists only in memory,
// inside this package (so `paths` resolves, and its package.json makes the samples ES modules).
const sandbox = fileURLToPath(new URL('./.code-samples/', import.meta.url));
const schemaPath = fileURLToPath(new URL('../dist/schema.js', import.meta.url));
const clientDir = path.join(sandbox, 'node_modules/@inkwell/client');
const virtualFiles = new Map([
  [
    path.join(clientDir, 'package.json'),
    JSON.stringify({ name: '@inkwell/client', type: 'module', types: 'index.d.ts' }),
  ],
  [
    path.join(clientDir, 'index.d.ts'),
    // What the client package will offer: openapi-fetch's client on the generated `paths`.
    [
      `import type { Client, ClientOptions } from 'openapi-fetch';`,
      `import type { paths } from '${schemaPath}';`,
      `export declare function createInkwellClient(options: ClientOptions & { token?: string | undefined }): Client<paths>;`,
    ].join('\n'),
  ],
]);

test('every operation has a curl and a TypeScript sample', () => {
  const missing = operations
    .filter(({ op }) => {
      const labels = (op['x-codeSamples'] ?? []).filter((s) => s.source?.trim()).map((s) => s.label);
      return !labels.includes('curl') || !labels.includes('TypeScript');
    })
    .map(({ key }) => key);
  assert.ok(operations.length >= 21, `only ${operations.length} operations in the document`);
  assert.deepEqual(missing, []);
});

test('every curl sample calls its own method and path, with the token where one is required', () => {
  for (const { key, op } of operations) {
    const curl = op['x-codeSamples'].find((s) => s.label === 'curl').source;
    const [method, route] = key.split(' ');
    const pattern = route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/?"]+');
    assert.match(
      curl,
      new RegExp(`^curl${method === 'GET' ? '' : ` -X ${method}`} "\\$INKWELL_API${pattern}[?"]`),
      key,
    );
    const required = (op.security ?? []).length > 0 && op.security.every((r) => Object.keys(r).length > 0);
    assert.equal(/^ {2}-H "Authorization: Token \$INKWELL_TOKEN"/m.test(curl), required, key);
  }
});

test('every curl sample sends the request example of its operation', () => {
  const resolve = (node) =>
    node?.$ref
      ? resolve(
          node.$ref
            .slice(2)
            .split('/')
            .reduce((inner, key) => inner[key], doc),
        )
      : node;
  for (const { key, op } of operations) {
    const media = resolve(op.requestBody)?.content?.['application/json'];
    if (!media) continue;
    const curl = op['x-codeSamples'].find((s) => s.label === 'curl').source;
    const quoted = /-d '((?:[^']|'\\'')*)'/.exec(curl)?.[1];
    assert.ok(quoted, `${key}: no -d '…' in\n${curl}`);
    assert.deepEqual(JSON.parse(quoted.replaceAll(`'\\''`, "'")), media.example, key);
  }
});

test('the page offers both samples: Redoc is told their languages', () => {
  const page = readFileSync(fileURLToPath(new URL('../dist/docs/index.html', import.meta.url)), 'utf8');
  const options = JSON.parse(/const __redoc_options = (\{.*\});/.exec(page)[1]);
  assert.deepEqual(
    options.codeSamples.languages.map((l) => l.label ?? l.lang),
    ['curl', 'TypeScript'],
  );
  assert.equal(options.disableTelemetry, true);
});

test('every TypeScript sample type-checks against the generated paths', () => {
  for (const { key, op } of operations) {
    const name = key.replace(/[^A-Za-z]+/g, '-');
    virtualFiles.set(
      path.join(sandbox, `${name}.ts`),
      op['x-codeSamples'].find((s) => s.label === 'TypeScript').source,
    );
  }
  const samples = [...virtualFiles.keys()].filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    skipLibCheck: true,
    noUnusedLocals: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, directoryExists, readFile, getSourceFile } = host;
  const virtualDirectory = (dir) => [...virtualFiles.keys()].some((file) => file.startsWith(`${dir}${path.sep}`));
  host.fileExists = (file) => virtualFiles.has(file) || fileExists.call(host, file);
  host.directoryExists = (dir) => virtualDirectory(dir) || directoryExists.call(host, dir);
  host.readFile = (file) => virtualFiles.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    virtualFiles.has(file)
      ? ts.createSourceFile(file, virtualFiles.get(file), language)
      : getSourceFile.call(host, file, language, ...rest);

  const program = ts.createProgram(samples, options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });

  assert.equal(samples.length, operations.length);
  assert.deepEqual(diagnostics, []);
});
