// The network controls slow down and fail mock API requests, from code, the address bar or storage.
import { afterEach, describe, expect, jest, test } from '@jest/globals';

import type { components } from '@inkwell/openapi';

import { mockControls, persistMockDb } from './controls';
import { mockDb } from './db';
import { MockDatabase } from './store';
import { API_BASE_PATH } from './handlers/http';
import { callApi, ORIGIN, pngBytes, uploadForm, setUpMockServer } from './test-client';

setUpMockServer();

afterEach(() => {
  window.history.replaceState(null, '', '/');
  mockControls.reset();
  window.localStorage.clear();
});

describe('mock network controls', () => {
  test('When a latency is set, then API answers wait at least that long', async () => {
    mockControls.set({ latencyMs: 120 });
    const started = performance.now();

    const answer = await callApi('GET', '/tags');

    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  test('When every request should fail with 500, then the answer is the internal error shape', async () => {
    mockControls.set({ errorRate: 1, errorStatus: 500 });

    const answer = await callApi('GET', '/tags');

    expect(answer).toMatchObject({ status: 500, body: { errors: { server: ['internal error'] } } });
  });

  test('When failures are limited to one operation, then other requests still succeed', async () => {
    mockControls.set({ errorRate: 1, errorOn: 'POST /articles' });

    const listed = await callApi('GET', '/articles');
    const published = await callApi('POST', '/articles', {
      token: 'mock-token-ada',
      json: { article: { title: 't', description: 'd', body: 'b' } },
    });

    expect(listed.status).toBe(200);
    expect(published).toMatchObject({ status: 503, body: { errors: { database: ['is unavailable, retry later'] } } });
  });

  test('When failures are 429s, then what the API rate-limits answers its 429 with Retry-After, the rest as usual', async () => {
    mockControls.set({ errorRate: 1, errorStatus: 429 });
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${ORIGIN}${API_BASE_PATH}${path}`, {
        method,
        headers: { Authorization: 'Token mock-token-ada', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const signUp = await call('POST', '/users', {
      user: { username: 'x', email: 'x@inkwell.test', password: 'long enough' },
    });
    const search = await call('GET', '/articles?q=dragons');
    const favorite = await call('POST', '/articles/how-to-train-your-dragon/favorite');
    const list = await call('GET', '/articles');
    const me = await call('GET', '/user');

    expect([signUp.status, search.status, favorite.status]).toEqual([429, 429, 429]);
    expect(signUp.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await signUp.json()).toEqual({ errors: { user: ['too many sign-ups from this address, retry later'] } });
    expect(await search.json()).toEqual({ errors: { search: ['too many searches from this address, retry later'] } });
    expect(await favorite.json()).toEqual({ errors: { account: ['is making too many changes, retry later'] } });
    expect([list.status, me.status]).toEqual([200, 200]);
  });

  test('When the health check fails, then it answers 503 with a report naming the database', async () => {
    mockControls.set({ errorRate: 1 });

    const answer = await callApi('GET', '/health');

    expect(answer).toMatchObject({
      status: 503,
      body: { status: 'unavailable', errors: { database: ['is unavailable'] } },
    });
  });

  test('When no control is active, then an API path without a handler still fails as unhandled', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    const outcome = await callApi('GET', '/no-such-operation').then(
      () => 'answered',
      () => 'rejected',
    );

    expect(outcome).toBe('rejected');
    expect(String(error.mock.calls[0]?.[0])).toContain('without a matching request handler');
    error.mockRestore();
  });

  test('When the address bar carries mock parameters, then they are applied and remembered in localStorage', () => {
    window.history.replaceState(null, '', '/?mock-latency=1500&mock-errors=0.3&mock-error-status=500');

    mockControls.load();
    window.history.replaceState(null, '', '/articles');
    mockControls.load();

    expect(mockControls.get()).toEqual({ latencyMs: 1500, errorRate: 0.3, errorStatus: 500, errorOn: null });
  });

  test('When the address bar asks for 429s, then the controls keep 429; any other status becomes 503', () => {
    window.history.replaceState(null, '', '/?mock-errors=1&mock-error-status=429');
    mockControls.load();
    const asked = mockControls.get().errorStatus;

    mockControls.set({ errorStatus: 418 as 503 });

    expect(asked).toBe(429);
    expect(mockControls.get().errorStatus).toBe(503);
  });

  test('When values are out of range or mock-reset is given, then they are bounded or cleared', () => {
    mockControls.set({ latencyMs: -5, errorRate: 7 });
    const bounded = mockControls.get();
    window.history.replaceState(null, '', '/?mock-reset');

    mockControls.load();

    expect(bounded).toMatchObject({ latencyMs: 0, errorRate: 1 });
    expect(mockControls.get()).toEqual({ latencyMs: 0, errorRate: 0, errorStatus: 503, errorOn: null });
    expect(window.localStorage.getItem('inkwell:mock-controls')).toBeNull();
  });

  test('When the console handle is used, then it changes the same settings', () => {
    const handle = (window as unknown as { inkwellMock: { controls: typeof mockControls } }).inkwellMock;

    handle.controls.set({ latencyMs: 250 });

    expect(mockControls.get().latencyMs).toBe(250);
  });
});

describe('mock data across reloads', () => {
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

  test('When data changes while kept in storage, then a fresh store restores it, token and upload included', async () => {
    const stop = persistMockDb(window.localStorage, mockDb);
    const signUp = await callApi('POST', '/users', {
      json: { user: { username: 'keeper', email: 'keeper@inkwell.test', password: 'long enough' } },
    });
    const { user } = signUp.body as components['schemas']['UserResponse'];
    const upload = await callApi('POST', '/assets', { token: user.token, body: uploadForm(pngBytes(40, 30)) });
    const { asset } = upload.body as components['schemas']['AssetResponse'];
    await settle();
    stop();

    const reloaded = new MockDatabase();
    const stopReloaded = persistMockDb(window.localStorage, reloaded);
    stopReloaded();

    expect(reloaded.userByToken(user.token)?.username).toBe('keeper');
    expect(reloaded.allArticles()).toHaveLength(mockDb.allArticles().length);
    expect(reloaded.assetById(asset.id)?.data).toEqual(mockDb.assetById(asset.id)?.data);
  });

  test('When an upload is larger than storage can hold, then the rest of the data is kept without it', async () => {
    const stop = persistMockDb(window.localStorage, mockDb);
    const big = await callApi('POST', '/assets', { token: 'mock-token-ada', body: uploadForm(pngBytes(1200, 1200)) });
    const huge = new Uint8Array(2_000_000);
    huge.set(pngBytes(1, 1));
    const tooBig = await callApi('POST', '/assets', { token: 'mock-token-ada', body: uploadForm(huge) });
    await settle();
    stop();

    const reloaded = new MockDatabase();
    persistMockDb(window.localStorage, reloaded)();

    expect(reloaded.assetById((big.body as components['schemas']['AssetResponse']).asset.id)).not.toBeNull();
    expect(reloaded.assetById((tooBig.body as components['schemas']['AssetResponse']).asset.id)).toBeNull();
    expect(reloaded.userByUsername('ada')).not.toBeNull();
  });

  test('When the saved data belongs to another origin, then it is not restored', () => {
    window.localStorage.setItem(
      'inkwell:mock-db',
      JSON.stringify({ origin: 'http://elsewhere.test', snapshot: mockDb.snapshot() }),
    );

    const reloaded = new MockDatabase();
    persistMockDb(window.localStorage, reloaded)();

    expect(reloaded.allUsers()).toEqual([]);
  });
});
