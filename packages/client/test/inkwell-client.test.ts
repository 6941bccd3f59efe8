// createInkwellClient(): the token on every call (and changed with setToken), a request id on
// every call unless the caller names one, and the caller's own fetch.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createInkwellClient } from '../src/index.js';
import { randomRequestId } from '../src/request-id.js';
import { aUser, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createInkwellClient', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer(() => ({ status: 200, body: { user: aUser() } }));
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  after(async () => {
    await server.close();
  });

  describe('the token', () => {
    it('When a token is given, then every call sends it as `Authorization: Token <jwt>`', async () => {
      // Arrange
      const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.first' });
      // Act
      const { data } = await client.GET('/user');
      await client.GET('/tags');
      // Assert
      assert.equal(data?.user.username, 'ada');
      assert.deepEqual(
        server.requests.map((r) => r.headers.authorization),
        ['Token eyJ.first', 'Token eyJ.first'],
      );
      assert.equal(server.requests[0]!.url.pathname, '/api/v1/user');
    });

    it('When there is no token (or an empty one), then calls go without Authorization', async () => {
      // Arrange
      const anonymous = createInkwellClient({ baseUrl: server.baseUrl });
      const empty = createInkwellClient({ baseUrl: server.baseUrl, token: '' });
      // Act
      await anonymous.GET('/tags');
      await empty.GET('/tags');
      // Assert
      assert.deepEqual(
        server.requests.map((r) => r.headers.authorization),
        [undefined, undefined],
      );
      assert.equal(empty.getToken(), undefined);
    });

    it('When setToken changes or clears the token, then the next calls follow it', async () => {
      // Arrange
      const client = createInkwellClient({ baseUrl: server.baseUrl });
      // Act
      client.setToken('eyJ.signed-in');
      await client.GET('/user');
      const held = client.getToken();
      client.setToken(null);
      await client.GET('/tags');
      // Assert
      assert.equal(held, 'eyJ.signed-in');
      assert.deepEqual(
        server.requests.map((r) => r.headers.authorization),
        ['Token eyJ.signed-in', undefined],
      );
    });

    it('When the token is a function, then each call sends what it gives at that moment', async () => {
      // Arrange: a session kept outside the client, as an app keeps it in storage.
      let session: string | null = 'eyJ.first';
      const client = createInkwellClient({ baseUrl: server.baseUrl, token: () => session });
      // Act
      await client.GET('/user');
      session = 'eyJ.second';
      await client.GET('/user');
      const held = client.getToken();
      session = null;
      await client.GET('/tags');
      // Assert
      assert.equal(held, 'eyJ.second');
      assert.equal(client.getToken(), undefined);
      assert.deepEqual(
        server.requests.map((r) => r.headers.authorization),
        ['Token eyJ.first', 'Token eyJ.second', undefined],
      );
    });

    it('When a call sets Authorization itself, then its own header is sent', async () => {
      // Arrange
      const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.client' });
      // Act
      await client.GET('/user', { headers: { Authorization: 'Token eyJ.other-user' } });
      // Assert
      assert.equal(server.requests[0]!.headers.authorization, 'Token eyJ.other-user');
    });
  });

  describe('the request id', () => {
    it('When calls are made, then each sends its own random UUID as X-Request-Id', async () => {
      // Arrange
      const client = createInkwellClient({ baseUrl: server.baseUrl });
      // Act
      await client.GET('/tags');
      await client.GET('/tags');
      // Assert
      const ids = server.requests.map((r) => r.headers['x-request-id']);
      for (const id of ids) assert.match(String(id), UUID_V4);
      assert.notEqual(ids[0], ids[1]);
    });

    it('When the caller makes the ids, or names one for a call, then those are sent', async () => {
      // Arrange
      let next = 0;
      const client = createInkwellClient({ baseUrl: server.baseUrl, requestId: () => `job-7.${(next += 1)}` });
      // Act
      await client.GET('/tags');
      await client.GET('/tags', { headers: { 'X-Request-Id': 'given-by-the-call' } });
      // Assert
      assert.deepEqual(
        server.requests.map((r) => r.headers['x-request-id']),
        ['job-7.1', 'given-by-the-call'],
      );
    });

    it('When requestId is false, then no X-Request-Id is sent', async () => {
      // Arrange
      const client = createInkwellClient({ baseUrl: server.baseUrl, requestId: false });
      // Act
      await client.GET('/tags');
      // Assert
      assert.equal(server.requests[0]!.headers['x-request-id'], undefined);
    });

    it('When crypto.randomUUID is missing (a browser page on plain http), then the id is still a UUID', () => {
      // Arrange: randomUUID lives on Crypto's prototype; an own property hides it.
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
      try {
        // Act
        const ids = [randomRequestId(), randomRequestId()];
        // Assert
        assert.equal(typeof globalThis.crypto.randomUUID, 'undefined');
        for (const id of ids) assert.match(id, UUID_V4);
        assert.notEqual(ids[0], ids[1]);
      } finally {
        Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
      }
      assert.equal(typeof globalThis.crypto.randomUUID, 'function');
    });
  });

  it('When a fetch is given, then every call goes through it with the headers set', async () => {
    // Arrange
    const seen: Request[] = [];
    const client = createInkwellClient({
      baseUrl: 'https://inkwell.example/api/v1',
      token: 'eyJ.mine',
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ tags: ['dragons'] });
      },
    });
    // Act
    const { data } = await client.GET('/tags');
    // Assert
    assert.deepEqual(data, { tags: ['dragons'] });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.url, 'https://inkwell.example/api/v1/tags');
    assert.equal(seen[0]!.headers.get('Authorization'), 'Token eyJ.mine');
    assert.match(seen[0]!.headers.get('X-Request-Id') ?? '', UUID_V4);
  });
});
