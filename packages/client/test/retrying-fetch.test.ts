// Retries of 429 and 503 answers: after the wait `Retry-After` asks for (seconds or a date), else
// after a backoff; a bounded number of times; only for the methods allowed (GET and HEAD unless
// told otherwise); never waiting longer than allowed; ended by the call's signal.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createInkwellClient, InkwellApiError, unwrap } from '../src/index.js';
import { resolveRetryOptions } from '../src/retry-options.js';
import { retryAfterMs } from '../src/retry.js';
import { aUser, startTestServer } from './support/test-server.js';
import type { Answer, TestServer } from './support/test-server.js';

const TAGS: Answer = { status: 200, body: { tags: ['dragons'] } };
const LIMITED = (retryAfter?: string): Answer => ({
  status: 429,
  headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  body: { errors: { search: ['too many searches, retry later'] } },
});
const UNAVAILABLE: Answer = { status: 503, body: { errors: { database: ['is unavailable, retry later'] } } };

describe('retries', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('When a GET is answered 429 with Retry-After: 1, then it is sent again a second later, with the same request id', async () => {
    // Arrange
    server = await startTestServer((_request, index) => (index === 0 ? LIMITED('1') : TAGS));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    const started = performance.now();
    // Act
    const { tags } = await unwrap(client.GET('/tags'));
    // Assert
    const elapsed = performance.now() - started;
    assert.deepEqual(tags, ['dragons']);
    assert.equal(server.requests.length, 2);
    assert.ok(elapsed >= 950, `retried after ${Math.round(elapsed)} ms`);
    const [first, second] = server.requests.map((r) => r.headers['x-request-id']);
    assert.ok(first);
    assert.equal(second, first);
  });

  it('When a 503 names an HTTP date in Retry-After, then the retry waits until then', async () => {
    // Arrange: HTTP dates count whole seconds, so the wait is between one and two of them.
    server = await startTestServer((_request, index) =>
      index === 0 ? { ...UNAVAILABLE, headers: { 'Retry-After': new Date(Date.now() + 2000).toUTCString() } } : TAGS,
    );
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    const started = performance.now();
    // Act
    const { data } = await client.GET('/tags');
    // Assert
    const elapsed = performance.now() - started;
    assert.deepEqual(data?.tags, ['dragons']);
    assert.equal(server.requests.length, 2);
    assert.ok(elapsed >= 900 && elapsed < 3500, `retried after ${Math.round(elapsed)} ms`);
  });

  it('When every answer is 503, then the call gives up after the allowed retries with the last answer', async () => {
    // Arrange
    server = await startTestServer(() => UNAVAILABLE);
    const client = createInkwellClient({ baseUrl: server.baseUrl, retries: { retries: 3, baseDelayMs: 5 } });
    // Act
    const failure = await unwrap(client.GET('/tags')).catch((error: unknown) => error);
    // Assert
    assert.ok(failure instanceof InkwellApiError);
    assert.equal(failure.status, 503);
    assert.deepEqual(failure.errors, { database: ['is unavailable, retry later'] });
    assert.equal(server.requests.length, 4);
  });

  it('When the answer to retry was cloned and its clone is never read, then the retry still goes out', async () => {
    // Arrange: a fetch that keeps a copy of every answer (as a mock or a logger does).
    const kept: Response[] = [];
    let calls = 0;
    const client = createInkwellClient({
      baseUrl: 'https://inkwell.example/api/v1',
      fetch: async () => {
        calls += 1;
        const response =
          calls === 1
            ? Response.json(UNAVAILABLE.body, { status: 503, headers: { 'Retry-After': '0' } })
            : Response.json(TAGS.body);
        kept.push(response.clone());
        return response;
      },
    });
    // Act
    const { tags } = await unwrap(client.GET('/tags'));
    // Assert
    assert.deepEqual(tags, ['dragons']);
    assert.equal(calls, 2);
  });

  it('When the answers are 429 without Retry-After, then the waits back off, doubling', async () => {
    // Arrange
    const times: number[] = [];
    server = await startTestServer((_request, index) => {
      times.push(performance.now());
      return index < 3 ? LIMITED() : TAGS;
    });
    const client = createInkwellClient({ baseUrl: server.baseUrl, retries: { retries: 3, baseDelayMs: 100 } });
    // Act
    await unwrap(client.GET('/tags'));
    // Assert: waits of 50–100, 100–200 and 200–400 ms (half fixed, half random).
    const waits = times.slice(1).map((time, i) => time - times[i]!);
    assert.equal(waits.length, 3);
    [50, 100, 200].forEach((least, i) => assert.ok(waits[i]! >= least - 5, `wait ${i + 1}: ${waits[i]} ms`));
    assert.ok(waits[2]! < 1000, `wait 3: ${waits[2]} ms`);
  });

  it('When a POST is answered 429, then it is not retried: the caller gets the 429', async () => {
    // Arrange
    server = await startTestServer(() => LIMITED('1'));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const { error, response } = await client.POST('/users/login', {
      body: { user: { email: 'ada@example.com', password: 'analytical-engine' } },
    });
    // Assert
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('Retry-After'), '1');
    assert.deepEqual(error, { errors: { search: ['too many searches, retry later'] } });
    assert.equal(server.requests.length, 1);
  });

  it('When PUT is allowed, then a PUT answered 503 is sent again with the same body', async () => {
    // Arrange
    server = await startTestServer((_request, index) =>
      index === 0 ? UNAVAILABLE : { status: 200, body: { user: aUser() } },
    );
    const client = createInkwellClient({
      baseUrl: server.baseUrl,
      token: 'eyJ.ada',
      retries: { methods: ['GET', 'HEAD', 'PUT'], baseDelayMs: 5 },
    });
    // Act
    const { user } = await unwrap(client.PUT('/user', { body: { user: { bio: 'Counting machines.' } } }));
    // Assert
    assert.equal(user.username, 'ada');
    assert.equal(server.requests.length, 2);
    const [first, second] = server.requests;
    assert.equal(first!.method, 'PUT');
    assert.deepEqual(JSON.parse(second!.body.toString()), { user: { bio: 'Counting machines.' } });
    assert.deepEqual(second!.body, first!.body);
    assert.equal(second!.headers.authorization, 'Token eyJ.ada');
  });

  it('When Retry-After asks for longer than maxDelayMs, then the 429 is returned at once', async () => {
    // Arrange
    server = await startTestServer(() => LIMITED('120'));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    const started = performance.now();
    // Act
    const { response } = await client.GET('/tags');
    // Assert
    assert.equal(response.status, 429);
    assert.equal(server.requests.length, 1);
    assert.ok(performance.now() - started < 1000);
  });

  it('When retries are off, then a 503 comes straight back', async () => {
    // Arrange
    server = await startTestServer(() => UNAVAILABLE);
    const off = createInkwellClient({ baseUrl: server.baseUrl, retries: false });
    const zero = createInkwellClient({ baseUrl: server.baseUrl, retries: 0 });
    // Act
    const answers = [await off.GET('/tags'), await zero.GET('/tags')];
    // Assert
    assert.deepEqual(
      answers.map(({ response }) => response.status),
      [503, 503],
    );
    assert.equal(server.requests.length, 2);
  });

  it("When the call's signal aborts during a wait, then the call rejects at once and nothing more is sent", async () => {
    // Arrange
    server = await startTestServer(() => LIMITED('10'));
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    // Act
    const failure = await client.GET('/tags', { signal: controller.signal }).catch((error: unknown) => error);
    // Assert
    assert.ok(failure instanceof Error);
    assert.equal(failure.name, 'AbortError');
    assert.ok(performance.now() - started < 2000);
    assert.equal(server.requests.length, 1);
  });
});

describe('resolveRetryOptions', () => {
  it('When options leave a field out (or undefined), then its default applies', () => {
    assert.deepEqual(resolveRetryOptions({ retries: undefined, methods: ['GET', 'PUT'] }), {
      retries: 2,
      methods: ['GET', 'PUT'],
      baseDelayMs: 500,
      maxDelayMs: 30_000,
    });
    assert.equal(resolveRetryOptions(undefined).retries, 2);
    assert.equal(resolveRetryOptions(false).retries, 0);
    assert.equal(resolveRetryOptions(5).retries, 5);
  });

  it('When the count of retries is unbounded or not whole, then the client refuses it', () => {
    for (const retries of [Infinity, Number.NaN, -1, 1.5]) {
      assert.throws(() => createInkwellClient({ baseUrl: 'https://inkwell.example/api/v1', retries }), RangeError);
    }
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('When Retry-After is a number of seconds, then it is that many seconds', () => {
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs(' 0 ', now), 0);
  });

  it('When Retry-After is an HTTP date, then it is the time until then, never below zero', () => {
    assert.equal(retryAfterMs('Sun, 01 Mar 2026 12:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Sun, 01 Mar 2026 11:59:00 GMT', now), 0);
  });

  it('When Retry-After is absent or unreadable, then there is no wait to honour', () => {
    assert.equal(retryAfterMs(null, now), undefined);
    assert.equal(retryAfterMs('', now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs('-1', now), undefined);
  });
});
