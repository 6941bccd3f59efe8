// The mock API anyone can start (`npm run mock-api`) passes the same public RealWorld suite as
// the real API: a Conduit client tried against the mocks behaves as against a backend.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from '@jest/globals';

import { startStandaloneMockServer, type StandaloneMockServer } from './standalone';

// Jest runs with the web workspace as its working directory.
const runner = path.resolve(process.cwd(), '../tools/conformance/run.sh');
let server: StandaloneMockServer;

beforeAll(async () => {
  server = await startStandaloneMockServer({ port: 0 });
});
afterAll(() => server.close());

test('When the public Conduit suite runs against the mock API, then every assertion passes', async () => {
  const { stdout } = await promisify(execFile)(runner, [`${server.origin}/api/v1`], { timeout: 110_000 }).catch(
    (error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );

  // On failure the whole output shows, with the runner's FAIL lines.
  expect(stdout).toMatch(/(^|\n)\d+ passed, 0 failed\s*$/);
  expect(Number(/(\d+) passed, 0 failed\s*$/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(300);
}, 120_000);
