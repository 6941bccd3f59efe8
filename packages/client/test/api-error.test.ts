// unwrap() and InkwellApiError: the data of a success, and for an error status an error that
// carries the status, the contract's error map, its messages and the request id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createInkwellClient, InkwellApiError, unwrap } from '../src/index.js';
import type { ErrorMap, Schema } from '../src/index.js';
import { aUser, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const TAKEN: ErrorMap = {
  email: ['has already been taken'],
  password: ['is too short (minimum is 8 characters)'],
};

describe('unwrap and InkwellApiError', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer((request) => {
      const id = String(request.headers['x-request-id']);
      switch (`${request.method} ${request.url.pathname}`) {
        case 'POST /api/v1/users':
          return { status: 422, headers: { 'X-Request-Id': id }, body: { errors: TAKEN } };
        case 'GET /api/v1/user':
          return { status: 200, body: { user: aUser('grace') } };
        case 'DELETE /api/v1/articles/how-to-train-your-dragon':
          return { status: 204 };
        case 'GET /api/v1/articles/missing':
          return { status: 404, body: { errors: { article: ['not found'] } } };
        default:
          return { status: 502, body: '<html><body>Bad Gateway</body></html>' };
      }
    });
  });
  after(async () => {
    await server.close();
  });

  it('When the answer is a success, then unwrap gives its data', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.grace' });
    // Act
    const { user } = await unwrap(client.GET('/user'));
    // Assert
    const typed: Schema<'User'> = user;
    assert.equal(typed.username, 'grace');
  });

  it('When the answer has no body (204), then unwrap gives undefined', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: server.baseUrl, token: 'eyJ.grace' });
    // Act
    const nothing: undefined = await unwrap(
      client.DELETE('/articles/{slug}', { params: { path: { slug: 'how-to-train-your-dragon' } } }),
    );
    // Assert
    assert.equal(nothing, undefined);
  });

  it('When the API answers 422, then unwrap throws an InkwellApiError with every field and message', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: server.baseUrl, requestId: () => 'sign-up-1' });
    // Act
    const failure = await unwrap(
      client.POST('/users', { body: { user: { username: 'ada', email: 'ada@example.com', password: 'short' } } }),
    ).catch((error: unknown) => error);
    // Assert
    assert.ok(failure instanceof InkwellApiError);
    assert.ok(failure instanceof Error);
    assert.equal(failure.name, 'InkwellApiError');
    assert.equal(failure.status, 422);
    assert.deepEqual(failure.errors, TAKEN);
    assert.deepEqual(failure.messages, [
      'email has already been taken',
      'password is too short (minimum is 8 characters)',
    ]);
    assert.equal(
      failure.message,
      'Inkwell API answered 422: email has already been taken; password is too short (minimum is 8 characters)',
    );
    assert.equal(failure.requestId, 'sign-up-1');
    assert.equal(failure.response.status, 422);
  });

  it('When a result is already awaited, then unwrap takes it as well', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    const result = await client.GET('/articles/{slug}', { params: { path: { slug: 'missing' } } });
    // Act
    const failure = await unwrap(result).catch((error: unknown) => error);
    // Assert
    assert.ok(failure instanceof InkwellApiError);
    assert.equal(failure.status, 404);
    assert.deepEqual(failure.errors, { article: ['not found'] });
    assert.equal(failure.requestId, null);
  });

  it('When the error body is not in the contract shape (a proxy page), then errors is empty', async () => {
    // Arrange
    const client = createInkwellClient({ baseUrl: server.baseUrl });
    // Act
    const failure = await unwrap(client.GET('/tags')).catch((error: unknown) => error);
    // Assert
    assert.ok(failure instanceof InkwellApiError);
    assert.equal(failure.status, 502);
    assert.deepEqual(failure.errors, {});
    assert.deepEqual(failure.messages, []);
    assert.equal(failure.message, 'Inkwell API answered 502');
  });
});
