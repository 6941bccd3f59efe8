// The standalone mock API answers over real HTTP, with open CORS and its own image URLs.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { components } from '@inkwell/openapi';

import { startStandaloneMockServer, type StandaloneMockServer } from './standalone';
import { pngBytes, uploadForm } from './test-client';

let server: StandaloneMockServer;

beforeAll(async () => {
  server = await startStandaloneMockServer({ port: 0 });
});
afterAll(() => server.close());

describe('standalone mock server', () => {
  test('When a client signs in over HTTP, then the user comes back with an avatar on the server’s origin', async () => {
    const res = await fetch(`${server.origin}/api/v1/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { email: 'ada@inkwell.test', password: 'inkwell-demo' } }),
    });

    const { user } = (await res.json()) as components['schemas']['UserResponse'];
    const avatar = await fetch(user.image);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(user.image).toBe(`${server.origin}/mock-assets/avatars/ada.svg`);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
  });

  test('When a browser sends a preflight, then it is allowed with the Authorization header', async () => {
    const res = await fetch(`${server.origin}/api/v1/articles`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://elsewhere.test', 'Access-Control-Request-Method': 'POST' },
    });

    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  test('When an image is uploaded as multipart over HTTP, then it is stored and served back', async () => {
    const png = pngBytes(700, 400);

    const res = await fetch(`${server.origin}/api/v1/assets`, {
      method: 'POST',
      headers: { Authorization: 'Token mock-token-ada' },
      body: uploadForm(png),
    });

    const { asset } = (await res.json()) as components['schemas']['AssetResponse'];
    const served = await fetch(asset.url);
    expect(res.status).toBe(201);
    expect(asset.variants.map((v) => v.width)).toEqual([320, 640]);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
  });

  test('When a path is not part of the API, then it answers 404 in the error shape', async () => {
    const res = await fetch(`${server.origin}/api/v1/nothing-here`);

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: { path: ['not found'] } });
  });
});
