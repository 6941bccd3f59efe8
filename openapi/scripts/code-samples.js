// Writes a curl and a TypeScript sample into every operation of the bundled document
// (`x-codeSamples`, which Redoc shows beside the operation), made from the contract's own
// examples: path and query parameters from the parameters' examples, bodies from the request
// examples, the token where the operation's security asks for one. The hand-written sources
// never carry samples; `npm run generate` adds them between bundle and build-docs.
//
// The TypeScript sample calls the typed client `@inkwell/client` (openapi-fetch on the generated
// `paths`); test/code-samples.test.js type-checks every one against the generated types.
//
//   node scripts/code-samples.js [document.json]      (default: dist/openapi.json, in place)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const DEFAULT_BASE_URL = 'http://localhost:8080/api/v1';
/** The file a multipart sample uploads. */
const SAMPLE_FILE = { name: 'cover.jpg', type: 'image/jpeg' };

function resolver(doc) {
  const resolve = (value) => {
    let node = value;
    for (let depth = 0; node && typeof node.$ref === 'string'; depth++) {
      if (depth > 20) throw new Error(`$ref chain too long at ${value.$ref}`);
      node = node.$ref
        .slice(2)
        .split('/')
        .reduce((inner, key) => inner?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return node;
  };
  return resolve;
}

/** The first example a parameter or media type gives (`example`, then `examples`, then the schema's). */
function exampleOf(node, resolve) {
  if (!node) return undefined;
  if (node.example !== undefined) return node.example;
  const named = Object.values(node.examples ?? {})[0];
  if (named !== undefined) return resolve(named)?.value;
  const schema = resolve(node.schema);
  return schema?.example ?? schema?.examples?.[0] ?? schema?.default;
}

/** 'public' (no token), 'optional' or 'required', from the operation's (or the document's) security. */
function authOf(operation, doc) {
  const security = operation.security ?? doc.security ?? [];
  if (security.length === 0) return 'public';
  return security.some((requirement) => Object.keys(requirement).length === 0) ? 'optional' : 'required';
}

/** What a sample needs to know about one operation, taken from the document. */
function describe(doc, path, method, pathItem, operation) {
  const resolve = resolver(doc);
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
  const pathParams = parameters
    .filter((p) => p.in === 'path')
    .map((p) => ({ name: p.name, value: exampleOf(p, resolve) }));
  for (const p of pathParams) {
    if (p.value === undefined)
      throw new Error(`${method.toUpperCase()} ${path}: path parameter ${p.name} has no example`);
  }
  // Every required query parameter, and the first optional one with an example to show the idea.
  const withExample = parameters
    .filter((p) => p.in === 'query')
    .map((p) => ({ name: p.name, required: p.required === true, value: exampleOf(p, resolve) }))
    .filter((p) => p.value !== undefined);
  const queryParams = [...withExample.filter((p) => p.required), ...withExample.filter((p) => !p.required).slice(0, 1)];

  const requestBody = resolve(operation.requestBody);
  const [contentType, media] = Object.entries(requestBody?.content ?? {})[0] ?? [];
  let body;
  if (contentType === 'application/json') {
    body = { kind: 'json', value: exampleOf(media, resolve) ?? {} };
  } else if (contentType === 'multipart/form-data') {
    const schema = resolve(media.schema);
    const example = exampleOf(media, resolve) ?? {};
    const fields = Object.entries(schema?.properties ?? {}).map(([name, property]) => {
      const resolved = resolve(property);
      const binary = resolved?.format === 'binary' || resolved?.contentMediaType !== undefined;
      return { name, binary, value: binary ? undefined : example[name] };
    });
    body = { kind: 'multipart', fields: fields.filter((f) => f.binary || f.value !== undefined) };
  } else if (contentType) {
    throw new Error(`${method.toUpperCase()} ${path}: no sample for a ${contentType} request body`);
  }

  const [status, response] = Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [
    '200',
    undefined,
  ];
  const responseMedia = resolve(response)?.content?.['application/json'];
  const responseExample = exampleOf(responseMedia, resolve);
  const resultKey =
    responseExample && typeof responseExample === 'object' && !Array.isArray(responseExample)
      ? Object.keys(responseExample)[0]
      : undefined;

  return {
    path,
    method,
    auth: authOf(operation, doc),
    pathParams,
    queryParams,
    body,
    success: { status, hasBody: responseMedia !== undefined, resultKey },
  };
}

// ---------------------------------------------------------------------------------------- curl

/** Single-quotes a string for a POSIX shell. */
const shellQuote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

function curlSample(op) {
  let url = op.path;
  for (const p of op.pathParams) url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.value)));
  const query = new URLSearchParams(op.queryParams.map((p) => [p.name, String(p.value)])).toString();
  const lines = [
    `curl${op.method === 'get' ? '' : ` -X ${op.method.toUpperCase()}`} "$INKWELL_API${url}${query ? `?${query}` : ''}"`,
  ];
  if (op.auth === 'required') lines.push(`-H "Authorization: Token $INKWELL_TOKEN"`);
  if (op.body?.kind === 'json') {
    lines.push(
      `-H 'Content-Type: application/json'`,
      `-d ${shellQuote(printValue(op.body.value, { json: true, indent: '  ' }))}`,
    );
  } else if (op.body?.kind === 'multipart') {
    for (const field of op.body.fields) {
      lines.push(
        `-F ${shellQuote(field.binary ? `${field.name}=@${SAMPLE_FILE.name}` : `${field.name}=${field.value}`)}`,
      );
    }
  }
  const command = lines.join(' \\\n  ');
  return op.auth === 'optional'
    ? `${command}\n# Signed in, the answer also says what you follow and favorite:\n#   add -H "Authorization: Token $INKWELL_TOKEN"`
    : command;
}

// ---------------------------------------------------------------------------------- TypeScript

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A value printed the way Prettier would: short arrays on one line, objects one key a line. As
 * JSON (`json: true`) or as a TypeScript literal (bare keys, single quotes).
 */
function printValue(value, { json = false, indent = '' } = {}) {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => printValue(item, { json, indent: inner }));
    const flat = `[${items.join(', ')}]`;
    if (flat.length <= 60 && !flat.includes('\n')) return flat;
    return `[\n${items.map((item) => `${inner}${item}${json ? '' : ','}`).join(json ? ',\n' : '\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const key = (name) => (json ? JSON.stringify(name) : IDENTIFIER.test(name) ? name : `'${name}'`);
    const lines = entries.map(([name, item]) => `${inner}${key(name)}: ${printValue(item, { json, indent: inner })}`);
    return `{\n${lines.join(',\n')}${json ? '' : ','}\n${indent}}`;
  }
  if (typeof value === 'string' && !json) {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  }
  return JSON.stringify(value);
}

const literal = (value, indent = '') => printValue(value, { indent });

function typeScriptSample(op) {
  const imports = [];
  const setup = [];
  const options = [];
  const params = [];
  if (op.pathParams.length > 0) {
    params.push(`path: { ${op.pathParams.map((p) => `${p.name}: ${literal(p.value)}`).join(', ')} }`);
  }
  if (op.queryParams.length > 0) {
    params.push(`query: { ${op.queryParams.map((p) => `${p.name}: ${literal(p.value)}`).join(', ')} }`);
  }
  if (params.length > 0) options.push(`  params: { ${params.join(', ')} },`);

  if (op.body?.kind === 'json') {
    options.push(`  body: ${literal(op.body.value, '  ')},`);
  } else if (op.body?.kind === 'multipart') {
    imports.push(`import { openAsBlob } from 'node:fs';`);
    const files = op.body.fields.filter((f) => f.binary);
    for (const file of files) {
      setup.push(`const ${file.name} = await openAsBlob('${SAMPLE_FILE.name}', { type: '${SAMPLE_FILE.type}' });`);
    }
    const bodyFields = op.body.fields.map((f) =>
      f.binary ? `${f.name}: ${f.name} as unknown as string` : `${f.name}: ${literal(f.value)}`,
    );
    options.push(
      `  // A file goes as multipart form data; the types see a binary field as a string.`,
      `  body: { ${bodyFields.join(', ')} },`,
      `  bodySerializer(body) {`,
      `    const form = new FormData();`,
      ...op.body.fields.map((f) =>
        f.binary
          ? `    form.append('${f.name}', body.${f.name} as unknown as Blob, '${SAMPLE_FILE.name}');`
          : `    form.append('${f.name}', String(body.${f.name}));`,
      ),
      `    return form;`,
      `  },`,
    );
  }

  const clientOptions = [`  baseUrl: process.env.INKWELL_API ?? '${DEFAULT_BASE_URL}',`];
  if (op.auth === 'required') clientOptions.push('  token: process.env.INKWELL_TOKEN,');
  if (op.auth === 'optional') clientOptions.push('  token: process.env.INKWELL_TOKEN, // optional here');

  const call = `client.${op.method.toUpperCase()}('${op.path}'${options.length > 0 ? `, {\n${options.join('\n')}\n}` : ''})`;
  const result = op.success.hasBody
    ? [
        `const { data, error } = await ${call};`,
        'if (error) throw new Error(JSON.stringify(error));',
        `console.log(${op.success.resultKey ? `data.${op.success.resultKey}` : 'data'});`,
      ]
    : [
        `const { error, response } = await ${call};`,
        'if (error) throw new Error(JSON.stringify(error));',
        `console.log(response.status); // ${op.success.status}`,
      ];

  return [
    ...imports,
    `import { createInkwellClient } from '@inkwell/client';`,
    '',
    `const client = createInkwellClient({\n${clientOptions.join('\n')}\n});`,
    ...(setup.length > 0 ? ['', ...setup] : []),
    '',
    ...result,
  ].join('\n');
}

/** `x-codeSamples` for every operation, keyed `METHOD /path`. */
export function codeSamples(doc) {
  const samples = new Map();
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const op = describe(doc, path, method, pathItem, operation);
      samples.set(`${method.toUpperCase()} ${path}`, [
        { lang: 'curl', label: 'curl', source: curlSample(op) },
        { lang: 'TypeScript', label: 'TypeScript', source: typeScriptSample(op) },
      ]);
    }
  }
  return samples;
}

/** Sets `x-codeSamples` on every operation of `doc` (in place) and returns it. */
export function addCodeSamples(doc) {
  const samples = codeSamples(doc);
  for (const [key, list] of samples) {
    const [method, path] = key.split(' ');
    doc.paths[path][method.toLowerCase()]['x-codeSamples'] = list;
  }
  return doc;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? fileURLToPath(new URL('../dist/openapi.json', import.meta.url));
  const doc = addCodeSamples(JSON.parse(readFileSync(file, 'utf8')));
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}
