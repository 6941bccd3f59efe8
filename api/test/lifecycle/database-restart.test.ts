import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@inkwell/local';
import { runMigrations } from '../../src/db/migrate.js';
import { type TestUser, userFactory } from '../factories/user-factory.js';
import { type TestApp, startTestApp, tokenHeader } from '../helpers/test-app.js';

// This file runs its own PostgreSQL server (own data folder and port), so stopping it touches
// no other test.
const DATABASE = 'inkwell_restart';
let dataDir: string;
let server: EmbeddedPostgres;
let app: TestApp;
let author: TestUser;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'inkwell-restart-pg-'));
  server = await startEmbeddedPostgres({ dataDir, port: 0, handleSignals: false });
  await server.createDatabase(DATABASE);
  await runMigrations(server.urlFor(DATABASE));
  // One account writes as fast as it can here: the per-account write limit would answer first.
  app = await startTestApp({ env: { DATABASE_URL: server.urlFor(DATABASE), RATE_LIMIT_WRITES: 'off' } });
  author = await userFactory.create(app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Outcome {
  phase: 'before' | 'down' | 'after';
  status: number;
  body: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a PostgreSQL restart under traffic', () => {
  test('When the database restarts, then requests get 503 meanwhile, the API recovers by itself, and no acknowledged write is lost', async () => {
    let phase: Outcome['phase'] = 'before';
    let running = true;
    let sequence = 0;
    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];

    const writer = async () => {
      while (running) {
        sequence += 1;
        const at = phase;
        const res = await app.request
          .post('/api/v1/articles')
          .set(tokenHeader(author.token))
          .send({ article: { title: `Restart ${sequence}`, description: 'd', body: 'b' } });
        outcomes.push({ phase: at, status: res.status, body: res.body });
        if (res.status === 201) acknowledged.push(res.body.article.slug);
        else await sleep(20);
      }
    };
    const reader = async () => {
      while (running) {
        const at = phase;
        const res = await app.request.get('/api/v1/articles').query({ limit: 5 });
        outcomes.push({ phase: at, status: res.status, body: res.body });
        if (res.status !== 200) await sleep(20);
      }
    };
    const traffic = Promise.all([writer(), writer(), writer(), reader(), reader()]);

    await sleep(500);
    phase = 'down';
    await server.stop();
    await sleep(1000);
    server = await startEmbeddedPostgres({ dataDir, port: server.port, handleSignals: false });
    phase = 'after';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !outcomes.some((o) => o.phase === 'after' && o.status === 201)) await sleep(50);
    await sleep(500);
    running = false;
    await traffic;

    const byPhase = (p: Outcome['phase']) => outcomes.filter((o) => o.phase === p);
    expect(byPhase('before').filter((o) => o.status === 201).length).toBeGreaterThan(0);
    // While the server is gone: 503 in the error shape, nothing else goes wrong.
    const failures = outcomes.filter((o) => o.status !== 200 && o.status !== 201);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 503, body: { errors: { database: ['is unavailable, retry later'] } } });
    }
    // Afterwards the same app (same pool) serves writes and reads again.
    expect(byPhase('after').filter((o) => o.status === 201).length).toBeGreaterThan(0);
    expect(byPhase('after').filter((o) => o.status === 200).length).toBeGreaterThan(0);
    // Every write the API acknowledged is in the database.
    const { rows } = await app.db.query('select count(*)::int as n from articles where slug = any($1)', [acknowledged]);
    expect(rows[0].n).toBe(acknowledged.length);
  }, 90_000);
});
