import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

/** Everything the page makes a browser fetch or run: scripts, stylesheets, preloads, images, fonts, imports. */
function loadedReferences(html: string): string[] {
  return [
    ...[...html.matchAll(/<(?:script|img|iframe|source|embed|video|audio)\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map(
      (m) => m[1]!,
    ),
    ...[...html.matchAll(/<link\b[^>]*\bhref=["']?([^"'\s>]+)/g)].map((m) => m[1]!),
    ...[...html.matchAll(/\burl\(\s*["']?([^"')\s]+)/g)].map((m) => m[1]!),
    // The statements of the inline scripts (not the code samples quoted in the document they carry).
    ...inlineScripts(html).flatMap((script) =>
      [...script.matchAll(/^\s*import\b[^;"']*["']([^"']+)["']/gm)].map((m) => m[1]!),
    ),
  ];
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

describe('the API reference', () => {
  test('When /api/v1/docs is requested, then the page loads nothing from another origin', async () => {
    const res = await app.request.get('/api/v1/docs');

    const references = loadedReferences(res.text);
    expect(res.status).toBe(200);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references.filter((r) => !r.startsWith('data:'))) {
      expect(reference).toMatch(/^\/(?!\/)/); // a path on this origin, not //host or https://host
    }
  });

  test('When /api/v1/docs is requested, then a strict policy allows only our scripts and the page’s own', async () => {
    const res = await app.request.get('/api/v1/docs');

    const policy = Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    ) as Record<string, string[]>;
    const hashes = inlineScripts(res.text).map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'", ...hashes]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    for (const values of Object.values(policy)) {
      for (const value of values) expect(value).not.toMatch(/^(https?:|\*|'unsafe-eval')/);
    }
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  test('When the page’s script is requested, then it is the bundle the page expects, cached for good', async () => {
    const page = (await app.request.get('/api/v1/docs')).text;
    const script = /<link rel="modulepreload" href="([^"]+)" integrity="([^"]+)"/.exec(page);
    expect(script).not.toBeNull();
    const [, url, integrity] = script!;

    const res = await app.request
      .get(url!)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

    expect(url).toMatch(/^\/api\/v1\/docs\/redoc\.standalone\.[0-9a-f]{16}\.js$/);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(
      `sha384-${createHash('sha384')
        .update(res.body as Buffer)
        .digest('base64')}`,
    ).toBe(integrity);
    expect(inlineScripts(page).join('\n')).toContain(`import { hydrate } from "${url}"`);
  });

  test('When a script the page does not have is requested, then it answers 404 in the error shape', async () => {
    const res = await app.request.get('/api/v1/docs/redoc.standalone.0000000000000000.js');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { path: ['not found'] } });
  });
});
