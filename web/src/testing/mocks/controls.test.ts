// The network controls slow down and fail mock API requests, from code, the address bar or storage.
import { afterEach, describe, expect, test } from '@jest/globals';

import { mockControls } from './controls';
import { callApi, useMockServer } from './test-client';

useMockServer();

afterEach(() => {
  window.history.replaceState(null, '', '/');
  mockControls.reset();
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

  test('When the health check fails, then it answers 503 with a report naming the database', async () => {
    mockControls.set({ errorRate: 1 });

    const answer = await callApi('GET', '/health');

    expect(answer).toMatchObject({ status: 503, body: { status: 'unavailable', errors: { database: ['is unavailable'] } } });
  });

  test('When the address bar carries mock parameters, then they are applied and remembered in localStorage', () => {
    window.history.replaceState(null, '', '/?mock-latency=1500&mock-errors=0.3&mock-error-status=500');

    mockControls.load();
    window.history.replaceState(null, '', '/articles');
    mockControls.load();

    expect(mockControls.get()).toEqual({ latencyMs: 1500, errorRate: 0.3, errorStatus: 500, errorOn: null });
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
