// The one-domain topology from the outside: nginx hands /api/v1/ to the API (whose own JSON 404
// comes back for an unknown API path) and everything else to the web build; the API replicas are
// stateless, so a token from one works on the other, and nginx spreads requests over both.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startE2eStack } from './support/e2e-stack.js';
import type { E2eStack } from './support/e2e-stack.js';

const SPREAD_REQUESTS = 20;

interface ApiLogLine {
  req?: { id?: string; url?: string };
  res?: { statusCode?: number };
}

/** Polls `check` until it returns a value; fails after `timeoutMs` with `what`. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(50);
  }
}

describe('nginx in front of two stateless API replicas', () => {
  let stack: E2eStack;

  before(
    async () => {
      stack = await startE2eStack('topology');
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await stack?.stop();
    },
    { timeout: 60_000 },
  );

  it('When an unknown API path is requested through nginx, then the API answers a JSON 404 in the error shape', async () => {
    const response = await fetch(`${stack.url}/api/v1/nope`);

    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    // Minted by the API (nginx passes its own id on): the answer came from a replica.
    assert.ok(response.headers.get('x-request-id'));
    const body = (await response.json()) as { errors?: Record<string, unknown> };
    assert.ok(body.errors && Object.keys(body.errors).length > 0, JSON.stringify(body));
    for (const messages of Object.values(body.errors)) {
      assert.ok(
        Array.isArray(messages) && messages.length > 0 && messages.every((m) => typeof m === 'string'),
        JSON.stringify(body),
      );
    }
  });

  it('When an unknown page path is requested, then nginx answers the web app (SPA fallback), not the API', async () => {
    const response = await fetch(`${stack.url}/no/such/page`);

    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const html = await response.text();
    // The shell the build renders into the root, painted before the app's JavaScript has run.
    assert.match(html, /<div id="root"><a href="#main" class="skip-link">.*<header class="site-header">/s);
    assert.equal(response.headers.get('x-request-id'), null, 'the API did not answer it');
  });

  it('When a user signs in through nginx, then the token works on each replica directly', async () => {
    const user = { username: 'lin_scales', email: 'lin_scales@example.org', password: 'lin-scales-secret-42' };
    const created = await fetch(`${stack.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const login = await fetch(`${stack.url}/api/v1/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email: user.email, password: user.password } }),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const { token } = ((await login.json()) as { user: { token: string } }).user;

    assert.equal(stack.apiUrls.length, 2);
    for (const apiUrl of stack.apiUrls) {
      const response = await fetch(`${apiUrl}/api/v1/user`, { headers: { authorization: `Token ${token}` } });
      assert.equal(response.status, 200, `${apiUrl}: ${await response.clone().text()}`);
      assert.equal(((await response.json()) as { user: { username: string } }).user.username, user.username);
    }
  });

  it('When many requests go through nginx, then both replicas serve some of them', async (t) => {
    const run = randomUUID().slice(0, 8);
    const ids = Array.from({ length: SPREAD_REQUESTS }, (_, index) => `e2e-spread-${run}-${index}`);
    for (const [index, id] of ids.entries()) {
      // Profiles nobody has: a 404 is logged at every level but debug, while a successful read is
      // not (nginx's access log has those), and would come from the read cache anyway.
      const response = await fetch(`${stack.url}/api/v1/profiles/nobody-${run}-${index}`, {
        headers: { 'x-request-id': id },
      });
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('x-request-id'), id);
      await response.body?.cancel();
    }

    // Each replica logs every such request it served with its id (captured per process).
    const servedBy = await eventually('every request in a replica log', () => {
      const byReplica = new Map<string, string[]>();
      for (const { source, line } of stack.output) {
        if (!source.startsWith('api-') || !line.startsWith('{')) continue;
        const id = (JSON.parse(line) as ApiLogLine).req?.id;
        if (id && ids.includes(id)) byReplica.set(source, [...(byReplica.get(source) ?? []), id]);
      }
      const logged = [...byReplica.values()].flat();
      return logged.length >= ids.length ? byReplica : undefined;
    });
    // nginx's access log names the upstream that answered each request.
    const upstreams = await eventually('every request in the nginx access log', async () => {
      const lines = (await stack.readAccessLog()).filter((line) => ids.some((id) => line.includes(`rid=${id} `)));
      return lines.length === ids.length ? lines.map((line) => /upstream=(\S+)/.exec(line)?.[1]) : undefined;
    });

    t.diagnostic([...servedBy].map(([replica, served]) => `${replica} served ${served.length}`).join(', '));
    assert.deepEqual([...servedBy.keys()].sort(), ['api-1', 'api-2']);
    for (const [replica, served] of servedBy) assert.ok(served.length > 0, `${replica} served none`);
    assert.deepEqual([...servedBy.values()].flat().sort(), [...ids].sort(), 'each request served exactly once');
    const replicaAddresses = stack.apiUrls.map((apiUrl) => new URL(apiUrl).host);
    assert.deepEqual([...new Set(upstreams)].sort(), [...replicaAddresses].sort());
  });
});
