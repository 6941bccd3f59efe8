import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { userFactory } from '../factories/user-factory.js';
import { type TestApp, startTestApp, tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });

describe('routes outside the document', () => {
  test('When a path under /api/v1 is unknown, then it answers 404 JSON in the error shape', async () => {
    const res = await app.request.get('/api/v1/no/such/thing');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ errors: { path: ['not found'] } });
  });

  test('When a known path is called with a method it lacks, then it answers 405 with Allow', async () => {
    const res = await app.request.patch('/api/v1/tags');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(res.body).toEqual({ errors: { method: ['is not allowed on this path'] } });
  });

  test('When the reference is requested, then /api/v1/docs serves the Redoc page', async () => {
    const res = await app.request.get('/api/v1/docs');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Inkwell API');
  });

  test('When the document is requested, then /api/v1/openapi.json serves the bundled document', async () => {
    const res = await app.request.get('/api/v1/openapi.json');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/articles/{slug}');
  });
});

describe('request ids', () => {
  test('When the client sends X-Request-Id, then the same id comes back', async () => {
    const res = await app.request.get('/api/v1/tags').set('X-Request-Id', 'client-chosen-id-42');

    expect(res.headers['x-request-id']).toBe('client-chosen-id-42');
  });

  test('When the client sends none or a strange one, then a fresh UUID comes back', async () => {
    const none = await app.request.get('/api/v1/tags');
    const strange = await app.request.get('/api/v1/tags').set('X-Request-Id', `bad id with spaces ${'x'.repeat(200)}`);

    for (const res of [none, strange]) expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS', () => {
  test('When an allowed origin sends a preflight, then it may send Authorization and JSON', async () => {
    const res = await app.request
      .options('/api/v1/articles')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/);
  });

  test('When another origin calls, then no CORS header lets it read the answer', async () => {
    const res = await app.request.get('/api/v1/tags').set('Origin', 'https://evil.example.com');

    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('oversized bodies', () => {
  test('When a JSON body exceeds 1 MiB, then it answers 413 in the error shape', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: 't', description: 'd', body: 'x'.repeat(1_100_000) } });

    expect(res.status).toBe(413);
    expect(res.body).toEqual({ errors: { body: ['is too large (maximum is 1 MiB)'] } });
  });

  test('When a field is longer than the document allows but the body is within limits, then it answers 422', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: 't', description: 'd', body: 'x'.repeat(100_001) } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ['is too long (maximum is 100000 characters)'] } });
  });
});

describe('unexpected failures', () => {
  let broken: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    broken = await startTestApp({ logger: pino({ level: 'info' }, sink) });
    const failing = () =>
      Promise.reject(new Error('syntax error at or near "SELEKT" in select password_hash from users'));
    (broken.db as unknown as { query: unknown }).query = failing;
  });
  afterAll(async () => {
    await broken.close();
  });

  test('When a handler fails unexpectedly, then it answers 500 that leaks nothing, and logs the cause with the request id', async () => {
    const res = await broken.request.get('/api/v1/tags').set('X-Request-Id', 'trace-me-500');

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ errors: { server: ['internal error'] } });
    expect(res.text).not.toMatch(/SELEKT|password_hash|at .*\.ts/);
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'unexpected error');
    expect(logged).toMatchObject({
      level: 50,
      req: { id: 'trace-me-500' },
      err: { message: expect.stringContaining('SELEKT') },
    });
  });

  test('When a request carries a token, then the log never contains it', async () => {
    const user = await userFactory.create(app);

    await broken.request.get('/api/v1/tags').set(tokenHeader(user.token));

    expect(lines.join('\n')).not.toContain(user.token);
  });
});

describe('serving a web build (WEB_DIST_DIR)', () => {
  let web: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'inkwell-web-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Inkwell</title>');
    await writeFile(path.join(dist, 'assets', 'app-3f9a.js'), 'console.log(1)');
    web = await startTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await web.close();
    await rm(dist, { recursive: true, force: true });
  });

  test('When a client-side route is requested, then index.html comes back, never cached', async () => {
    const res = await web.request.get('/article/some-slug');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Inkwell</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  test('When a hashed asset is requested, then it is cached for a year as immutable', async () => {
    const res = await web.request.get('/assets/app-3f9a.js');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('When an unknown API path is requested, then it is still a JSON 404, not the web app', async () => {
    const res = await web.request.get('/api/v1/unknown');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { path: ['not found'] } });
  });
});
