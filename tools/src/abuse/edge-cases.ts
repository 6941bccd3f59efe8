// What nginx answers itself under /api/v1/ (a URI, headers or a body too large, a malformed
// request, a method it refuses) speaks the contract's JSON error shape; API answers say nosniff;
// the reference page loads nothing from another origin.
import { type AbuseCase, type CaseResult, type Context, API_BASE, describe, isError, shapeProblem } from './context.js';
import type { Reply } from '../fuzz/http.js';
import { sendRaw } from '../fuzz/http.js';

const LONG = 'a'.repeat(10_000);
/** nginx's client_max_body_size is 11m (conf.d/inkwell.conf): this announces more. */
const TOO_LARGE_BYTES = 12 * 2 ** 20;

/** An nginx refusal: `status` with exactly `errors`, or what came instead. */
function edgeResult(reply: Reply, status: number, errors: Record<string, string[]>): CaseResult {
  const problem = reply.status === status ? shapeProblem(reply) : null;
  return {
    got: `${describe(reply)}${problem ? ` (${problem})` : ''}`,
    pass: isError(reply, status, errors),
  };
}

const longUri = (context: Context) => context.api({ method: 'GET', path: `/articles?tag=${LONG}` });

export const edgeCases: AbuseCase[] = [
  {
    id: 'uri-too-long',
    expected: 'a 10 kB URI: JSON 414 from nginx',
    run: async (context) => edgeResult(await longUri(context), 414, { uri: ['is too long'] }),
  },
  {
    id: 'header-too-large',
    expected: 'a 10 kB header: JSON 431 from nginx',
    async run(context) {
      const reply = await context.api({ method: 'GET', path: '/tags', headers: { cookie: `a=${LONG}` } });
      return edgeResult(reply, 431, { headers: ['are too large'] });
    },
  },
  {
    id: 'malformed-request',
    expected: 'a malformed request line: JSON 400 from nginx',
    async run(context) {
      const reply = await sendRaw(context.target, `GET ${API_BASE}/tags junk HTTP/1.1\r\nHost: x\r\n\r\n`);
      return edgeResult(reply, 400, { request: ['is malformed'] });
    },
  },
  {
    id: 'method-refused',
    expected: 'TRACE: JSON 405 from nginx',
    run: async (context) =>
      edgeResult(await context.api({ method: 'TRACE', path: '/tags' }), 405, { method: ['is not allowed'] }),
  },
  {
    id: 'body-too-large',
    expected: 'a 12 MiB body: JSON 413 from nginx',
    async run(context) {
      // The head announces the whole body and the first 64 KiB follow; nginx refuses on the head.
      const head =
        `POST ${API_BASE}/assets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${TOO_LARGE_BYTES}\r\nConnection: close\r\n\r\n`;
      const reply = await sendRaw(context.target, Buffer.concat([Buffer.from(head), Buffer.alloc(65_536, 0x20)]));
      return edgeResult(reply, 413, { body: ['is too large'] });
    },
  },
  {
    id: 'nosniff',
    expected: 'X-Content-Type-Options: nosniff on API answers, errors and refusals by nginx',
    async run(context) {
      const replies: Array<[string, Reply]> = [
        ['200', await context.api({ method: 'GET', path: '/tags' })],
        ['404', await context.api({ method: 'GET', path: '/no/such/thing' })],
        ['422', await context.api({ method: 'GET', path: '/articles?limit=many' })],
        ['401', await context.api({ method: 'GET', path: '/user' })],
        ['nginx 414', await longUri(context)],
      ];
      const missing = replies.filter(([, reply]) => reply.headers['x-content-type-options'] !== 'nosniff');
      return {
        got:
          missing.length === 0
            ? `on all ${replies.length} (${replies.map(([name, reply]) => `${name}: ${reply.status}`).join(', ')})`
            : `missing on ${missing.map(([name, reply]) => `${name} (${reply.status})`).join(', ')}`,
        pass: missing.length === 0,
      };
    },
  },
  {
    id: 'docs-own-origin',
    expected: 'the reference page: a CSP with no other origin; its scripts load from here',
    async run(context) {
      const page = await context.site({ method: 'GET', path: `${API_BASE}/docs` });
      const policy = page.headers['content-security-policy'] ?? '';
      const foreign = foreignSources(policy);
      const resources = resourcesOf(page.body);
      const offsite = resources.filter((url) => /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url));
      const scripts = resources.filter((url) => !offsite.includes(url) && /\.m?js(\?|$)/.test(url));
      const loaded = await Promise.all(
        scripts.map(async (url) => {
          const reply = await context.site({ method: 'GET', path: new URL(url, `http://x${API_BASE}/docs`).pathname });
          return reply.status === 200 && /javascript/.test(reply.headers['content-type'] ?? '');
        }),
      );
      const problems = [
        page.status === 200 ? null : `page ${page.status}`,
        policy ? null : 'no CSP',
        foreign.length > 0 ? `CSP admits ${foreign.join(' ')}` : null,
        offsite.length > 0 ? `loads ${offsite.join(' ')}` : null,
        scripts.length === 0 ? 'no script' : null,
        loaded.every(Boolean) ? null : 'a script does not load',
      ].filter((problem) => problem !== null);
      return {
        got: problems.length === 0 ? `CSP from our origin only; ${scripts.length} script(s) load` : problems.join('; '),
        pass: problems.length === 0,
      };
    },
  },
];

/** What a page makes the browser load: script sources, linked files, modules it imports. */
function resourcesOf(html: string): string[] {
  const patterns = [
    /<script\b[^>]*\bsrc="([^"]+)"/g,
    /<link\b[^>]*\bhref="([^"]+)"/g,
    /\bimport\b[^"'()]*?\bfrom\s*["']([^"']+)["']/g,
  ];
  return [...new Set(patterns.flatMap((pattern) => [...html.matchAll(pattern)].map((match) => match[1]!)))];
}

/** Sources in a Content-Security-Policy that name another origin (or any origin). */
function foreignSources(policy: string): string[] {
  const own =
    /^('self'|'none'|'unsafe-inline'|'unsafe-eval'|'strict-dynamic'|'(sha256|sha384|sha512|nonce)-[^']+'|data:|blob:)$/;
  return policy
    .split(';')
    .flatMap((directive) => directive.trim().split(/\s+/).slice(1))
    .filter((source) => source !== '' && !own.test(source));
}
