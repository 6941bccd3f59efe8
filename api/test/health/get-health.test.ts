import { afterEach, describe, expect, test } from '@jest/globals';
import { createObjectStore } from '../../src/storage/s3.js';
import { type TestApp, startTestApp } from '../helpers/test-app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

// Nothing listens on port 1: connections are refused at once.
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

describe('GET /api/v1/health (getHealth)', () => {
  test('When a forged token is sent, then it is ignored: it answers 200 ok as without one', async () => {
    app = await startTestApp();

    const res = await app.request.get('/api/v1/health').set('Authorization', 'Token a.b.c');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  test('When the database and the object store are reachable, then it answers 200 ok with both up', async () => {
    app = await startTestApp();

    const res = await app.request.get('/api/v1/health');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        objectStore: { status: 'up', latencyMs: expect.any(Number) },
      },
    });
  });

  test('When the object store cannot be reached, then it answers 503 naming it', async () => {
    const probe = await startTestApp();
    const storage = { ...probe.config.storage, endpoint: CLOSED_PORT_URL };
    await probe.close();
    app = await startTestApp({ objectStore: createObjectStore(storage) });

    const res = await app.request.get('/api/v1/health');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      checks: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        objectStore: { status: 'down', latencyMs: expect.any(Number) },
      },
      errors: { objectStore: ['is unavailable'] },
    });
  });

  test('When the database cannot be reached, then it answers 503 naming it, quickly', async () => {
    app = await startTestApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/inkwell' } });
    const started = Date.now();

    const res = await app.request.get('/api/v1/health');

    expect(res.status).toBe(503);
    expect(res.body.checks.database.status).toBe('down');
    expect(res.body.errors).toEqual({ database: ['is unavailable'] });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('any operation while the database is unreachable', () => {
  test('When the database is down, then operations answer 503 in the error shape', async () => {
    app = await startTestApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/inkwell' } });

    const list = await app.request.get('/api/v1/articles');
    const login = await app.request
      .post('/api/v1/users/login')
      .send({ user: { email: 'a@example.com', password: 'whatever-pass' } });

    for (const res of [list, login]) {
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ errors: { database: ['is unavailable, retry later'] } });
      expect(res.headers['retry-after']).toBe('1');
    }
  });
});

describe('GET /api/v1/health/live (getLiveness)', () => {
  test('When the database cannot be reached, then the process still counts as alive', async () => {
    app = await startTestApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/inkwell' } });

    const res = await app.request.get('/api/v1/health/live');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/v1/health/ready (getReadiness)', () => {
  test('When running and the database answers, then it is ready, even with the object store down', async () => {
    const probe = await startTestApp();
    const storage = { ...probe.config.storage, endpoint: CLOSED_PORT_URL };
    await probe.close();
    app = await startTestApp({ objectStore: createObjectStore(storage) });

    const res = await app.request.get('/api/v1/health/ready');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('When the replica has been asked to stop, then it is not ready, and says so at once', async () => {
    const lifecycle = { draining: false };
    app = await startTestApp({ lifecycle });
    expect((await app.request.get('/api/v1/health/ready')).status).toBe(200);

    lifecycle.draining = true;
    const res = await app.request.get('/api/v1/health/ready');

    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toEqual({ status: 'unavailable', errors: { server: ['is shutting down'] } });
  });

  test('When the database cannot be reached, then it is not ready, quickly', async () => {
    app = await startTestApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/inkwell' } });
    const started = Date.now();

    const res = await app.request.get('/api/v1/health/ready');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', errors: { database: ['is unavailable'] } });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
