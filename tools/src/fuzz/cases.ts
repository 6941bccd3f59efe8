// Fuzz cases from the bundled OpenAPI document: for each operation, requests whose parameters and
// body fields are valid, oversized, of the wrong type, full of control characters or odd Unicode;
// now and then a random method, an unknown or very long path, odd headers, a body that is not the
// JSON it claims to be, or bytes that are not HTTP at all. Deterministic for a given Random.
import type { Random } from '../seed/random.js';

type Schema = Record<string, unknown>;

/** What the cases know besides the document: signed-in users and things that exist. */
export interface FuzzFixtures {
  token: string;
  /**
   * The token used on the caller's own account (`/user`, sign-out): what is sent there may change
   * the password or end the session, which must not sign the main user out of the whole run.
   */
  ownAccountToken: string;
  username: string;
  slug: string;
  commentId: number;
}

/** One request to send, as HTTP (`http`) or as raw bytes on a fresh connection (`raw`). */
export type FuzzCase =
  | {
      kind: 'http';
      /** What it is, for the report. */
      label: string;
      method: string;
      /** Path and query, under the API base path. */
      path: string;
      headers: Record<string, string>;
      body?: Buffer;
    }
  | {
      kind: 'raw';
      label: string;
      bytes: Buffer;
      /**
       * An HTTP/0.9 request: its answer, if any, is a bare body with no status line or headers
       * (nginx speaks HTTP/0.9; the API does not), so only the absence of an HTML page is checked.
       */
      http09?: boolean;
    };

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Schema[];
  body: { type: string; schema: Schema } | null;
  secured: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ODD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'MKCOL', 'PURGE'];
const CONTROL = [...Array.from({ length: 32 }, (_, i) => i), 0x7f, 0x85, 0x9b].map((code) => String.fromCharCode(code));
const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\u200b\u200b',
  '\ufeffbom',
  'e\u0301'.repeat(300),
  '🐉'.repeat(50),
  'Ａｄｍｉｎ',
  "'; drop table users; --",
  '") or 1=1 --',
  '../../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  "rock'n'roll(!)*",
  'a&b=c#d?e',
  '\\',
  'null',
  'undefined',
  '-1',
  '1e309',
  'NaN',
  '-zzzz',
  'the',
  'x or -y',
  '"unclosed',
];
const ODD_NUMBERS = [-1, 0, 1.5, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, -0];

/** Percent-encodes like encodeURIComponent; a lone surrogate becomes the bytes a careless client sends. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

/** Leaves reserved characters raw, as browsers do in query strings; encodes the rest. */
function rawish(text: string): string {
  return [...text].map((char) => (/^[A-Za-z0-9\-._~!$'()*+,;:@/?]$/.test(char) ? char : encode(char))).join('');
}

/** Reads the operations of a bundled document (local `$ref`s resolved). */
export function operationsOf(document: Schema): Operation[] {
  const resolve = (node: unknown, depth = 0): Schema => {
    let current = node as Schema;
    for (let hops = 0; typeof current?.$ref === 'string' && hops < 20; hops += 1) {
      current = (current.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Schema>((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Schema, document);
    }
    if (depth > 12 || current === null || typeof current !== 'object') return current;
    if (Array.isArray(current)) return current.map((item: unknown) => resolve(item, depth + 1)) as unknown as Schema;
    return Object.fromEntries(
      Object.entries(current).map(([key, value]) => [
        key,
        value !== null && typeof value === 'object' ? resolve(value, depth + 1) : value,
      ]),
    ) as Schema;
  };
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(document.paths as Schema)) {
    const item = resolve(rawItem);
    for (const method of METHODS) {
      const operation = item[method] as Schema | undefined;
      if (!operation) continue;
      const content = ((operation.requestBody as Schema | undefined)?.content ?? {}) as Record<string, Schema>;
      const [type, media] = Object.entries(content)[0] ?? [];
      const security = (operation.security ?? document.security ?? []) as Schema[];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId),
        parameters: [...((item.parameters ?? []) as Schema[]), ...((operation.parameters ?? []) as Schema[])],
        body: type && media ? { type, schema: (media.schema ?? {}) as Schema } : null,
        secured: security.length > 0 && !security.some((entry) => Object.keys(entry).length === 0),
      });
    }
  }
  return operations;
}

/** Makes fuzz cases for `operations`. */
export function createCaseMaker(operations: Operation[], fixtures: FuzzFixtures, random: Random) {
  const valid = (schema: Schema, name = ''): unknown => {
    if (schema.example !== undefined && random.chance(0.7)) return schema.example;
    if (Array.isArray(schema.enum)) return random.pick(schema.enum);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'integer':
      case 'number':
        return Math.max(Number(schema.minimum ?? 0), Math.min(Number(schema.maximum ?? 100), random.int(0, 50)));
      case 'boolean':
        return random.chance(0.5);
      case 'array':
        return Array.from(
          { length: random.int(0, 3) },
          (_, i) => `${String(valid((schema.items ?? {}) as Schema, name))}${i}`,
        );
      case 'object': {
        const properties = (schema.properties ?? {}) as Record<string, Schema>;
        const required = (schema.required ?? []) as string[];
        return Object.fromEntries(
          Object.entries(properties)
            .filter(([key]) => required.includes(key) || random.chance(0.5))
            .map(([key, inner]) => [key, valid(inner, key)]),
        );
      }
      default:
        if (schema.format === 'email') return `fuzz${random.int(0, 1e9)}@example.com`;
        if (schema.format === 'uri' || /http/.test(String(schema.pattern ?? ''))) return 'https://example.com/a.png';
        if (name === 'username') return `fuzz${random.int(0, 1e9)}`;
        if (name === 'password') return 'fuzz-password-1';
        return `fuzz ${name} ${random.int(0, 1000)}`;
    }
  };

  const hostile = (schema: Schema, name = ''): unknown => {
    const max = Number(schema.maxLength ?? 100);
    switch (random.int(0, 9)) {
      case 0:
        return 'x'.repeat(max + 1);
      case 1:
        return random.pick(['a', '🐉', '%', '\u0000']).repeat(random.pick([max * 10, 20_000, 200_000]));
      case 2: {
        const text = String(valid(schema, name));
        const at = random.int(0, text.length);
        return text.slice(0, at) + random.pick(CONTROL) + text.slice(at);
      }
      case 3:
        return random.pick(ODD_TEXT);
      case 4:
        return random.pick<unknown>([...ODD_NUMBERS, true, false, null, [], {}, [[]], { a: { b: {} } }]);
      case 5:
        return Array.from({ length: random.pick([2, 11, 500]) }, () =>
          random.pick<unknown>([...ODD_TEXT, ...ODD_NUMBERS]),
        );
      case 6:
        return JSON.parse('{"$gt":"","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
      default:
        return valid(schema, name);
    }
  };

  /** A body for the schema: mostly the right shape with some hostile fields. */
  const jsonBody = (schema: Schema): unknown => {
    const pick = random.int(0, 19);
    if (pick === 0) return random.pick<unknown>([null, [], 'text', 42, true]);
    if (pick === 1) return nest(random.pick([10, 17, 40]));
    if (pick === 2)
      return Object.fromEntries(Array.from({ length: random.pick([200, 1001, 3000]) }, (_, i) => [`k${i}`, i]));
    const walk = (node: Schema, name: string): unknown => {
      if (node.type === 'object' || node.properties) {
        const properties = (node.properties ?? {}) as Record<string, Schema>;
        const entries = Object.entries(properties)
          .filter(() => random.chance(0.85))
          .map(([key, inner]) => [key, walk(inner, key)]);
        if (random.chance(0.1)) entries.push([random.pick(ODD_TEXT) || 'extra', hostile({}, 'extra')]);
        return Object.fromEntries(entries);
      }
      return random.chance(0.35) ? hostile(node, name) : valid(node, name);
    };
    return walk(schema, 'body');
  };

  const nest = (depth: number): unknown => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i += 1) value = random.chance(0.5) ? [value] : { a: value };
    return value;
  };

  const encodeBody = (value: unknown): Buffer => {
    const text = JSON.stringify(value) ?? 'null';
    switch (random.int(0, 24)) {
      case 0:
        return Buffer.from(text.slice(0, Math.max(1, text.length - 2)));
      case 1:
        return Buffer.from(`${text}garbage`);
      case 2:
        return Buffer.from([0xff, 0xfe, 0x00, 0x7b]);
      case 3:
        return Buffer.from(`\ufeff${text}`);
      case 4:
        return Buffer.from('{"user":{"email":"a","email":"b"}}');
      default:
        return Buffer.from(text);
    }
  };

  const pathValue = (parameter: Schema): string => {
    const name = String(parameter.name);
    const known: Record<string, string> = {
      slug: fixtures.slug,
      username: fixtures.username,
      id: String(fixtures.commentId),
    };
    const roll = random.int(0, 9);
    if (roll < 4) return encode(known[name] ?? String(valid((parameter.schema ?? {}) as Schema, name)));
    if (roll === 4) return random.pick(['%', '%zz', '%00', '..', '.', '%2e%2e', '%2F', 'a%2Fb', "x')", '*']);
    if (roll === 5) return 'p'.repeat(random.pick([301, 5000]));
    const value = hostile((parameter.schema ?? {}) as Schema, name);
    return encode(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')).slice(0, 6000);
  };

  const queryString = (parameters: Schema[]): string => {
    const pairs: string[] = [];
    for (const parameter of parameters.filter((p) => p.in === 'query')) {
      if (!random.chance(0.6)) continue;
      const name = String(parameter.name);
      const schema = (parameter.schema ?? {}) as Schema;
      const value = random.chance(0.5) ? valid(schema, name) : hostile(schema, name);
      const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
      const encoded = random.chance(0.8) ? encode(text) : rawish(text);
      pairs.push(`${random.chance(0.05) ? `${name}[]` : name}=${encoded.slice(0, 4000)}`);
      if (random.chance(0.1)) pairs.push(`${name}=${encoded.slice(0, 100)}`);
    }
    if (random.chance(0.1)) pairs.push(`${encode(random.pick(ODD_TEXT))}=${random.int(0, 9)}`);
    return pairs.length > 0 ? `?${pairs.join('&')}` : '';
  };

  const authorization = (operation: Operation): Record<string, string> => {
    const roll = random.int(0, 9);
    const token = /^\/user(\/|$)|logout/.test(operation.path) ? fixtures.ownAccountToken : fixtures.token;
    if (roll < (operation.secured ? 6 : 3)) return { authorization: `Token ${token}` };
    if (roll === 6) {
      return {
        authorization: random.pick([
          'Token',
          'Token x.y.z',
          `Bearer ${token}x`,
          `Basic ${Buffer.from('a:b').toString('base64')}`,
          `Token ${'a'.repeat(8000)}.b.c`,
          `token   ${token}   `,
        ]),
      };
    }
    return {};
  };

  const oddHeaders = (): Record<string, string> => {
    const headers: Record<string, string> = {};
    if (random.chance(0.1)) headers['x-request-id'] = random.pick(['a'.repeat(500), 'id with spaces', '../x', '']);
    if (random.chance(0.1))
      headers['x-forwarded-for'] = random.pick(['not-an-ip', '999.1.1.1, ::::', '1.2.3.4, 5.6.7.8', '']);
    if (random.chance(0.05))
      headers.accept = random.pick(['text/html', '*/*;q=0', 'application/xml', 'a'.repeat(3000)]);
    if (random.chance(0.05)) headers.origin = random.pick(['https://evil.example', 'null']);
    if (random.chance(0.05)) headers.cookie = 'a=b; '.repeat(200);
    if (random.chance(0.03)) headers.range = 'bytes=0-1,2-3';
    if (random.chance(0.03)) headers['x-http-method-override'] = 'DELETE';
    return headers;
  };

  const rawCase = (): FuzzCase => {
    const variants: Array<[string, string]> = [
      ['request line that is not HTTP', '\u0000\u0001\u0002 nonsense\r\n\r\n'],
      ['NUL in a header', 'GET /api/v1/tags HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'],
      ['headers over the limit', `GET /api/v1/tags HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
      ['unknown method', 'BREW /api/v1/tags HTTP/1.1\r\nHost: x\r\n\r\n'],
      [
        'bad chunked body',
        'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      ],
      [
        'both lengths',
        'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      ],
      ['HTTP/0.9', 'GET /api/v1/tags\r\n\r\n'],
      ['space in the target', 'GET /api/v1/ta gs HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['negative length', 'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'],
    ];
    const [label, text] = random.pick(variants);
    return {
      kind: 'raw',
      label: `raw: ${label}`,
      bytes: Buffer.from(text, 'latin1'),
      ...(label === 'HTTP/0.9' ? { http09: true } : {}),
    };
  };

  return (): FuzzCase => {
    if (random.chance(0.04)) return rawCase();
    const operation = random.pick(operations);
    let method = operation.method;
    if (random.chance(0.08)) method = random.pick(ODD_METHODS);
    let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      pathValue(operation.parameters.find((p) => p.in === 'path' && p.name === name) ?? { name }),
    );
    if (random.chance(0.03))
      path = `/${random.pick(['nope', 'articles/a/b/c/d', 'users/login/x', '%2e%2e/%2e%2e', ''])}`;
    path += queryString(operation.parameters);
    if (random.chance(0.02)) path += `${path.includes('?') ? '&' : '?'}pad=${'x'.repeat(random.pick([9000, 30_000]))}`;

    const headers: Record<string, string> = { ...authorization(operation), ...oddHeaders() };
    let body: Buffer | undefined;
    if (operation.body?.type === 'application/json' || (method !== 'GET' && random.chance(0.1))) {
      body = encodeBody(jsonBody(operation.body?.schema ?? {}));
      headers['content-type'] = random.chance(0.9)
        ? 'application/json'
        : random.pick([
            'text/plain',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            'application/json; charset=utf-16',
          ]);
      if (random.chance(0.02)) headers['content-encoding'] = random.pick(['gzip', 'br', 'identity, gzip']);
      if (random.chance(0.01)) body = Buffer.alloc(1_100_000, 0x20);
    } else if (operation.body?.type === 'multipart/form-data') {
      const boundary = `fuzz${random.int(0, 1e9)}`;
      const file = random.pick([
        Buffer.from('GIF89a not really a gif'),
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        Buffer.alloc(random.int(0, 5000), random.int(0, 255)),
      ]);
      const field = random.pick(['file', 'file', 'other', '']);
      const parts = [
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${random.pick(['a.png', '../../x', '\u00e9.gif'])}"\r\nContent-Type: image/png\r\n\r\n`,
      ];
      body = Buffer.concat([
        Buffer.from(parts[0]!),
        file,
        Buffer.from(`\r\n--${boundary}${random.chance(0.9) ? '--' : ''}\r\n`),
      ]);
      headers['content-type'] = random.chance(0.9)
        ? `multipart/form-data; boundary=${boundary}`
        : 'multipart/form-data';
    }
    return {
      kind: 'http',
      label: `${method} ${operation.path} (${operation.operationId})`,
      method,
      path,
      headers,
      body,
    };
  };
}
