// The hostile client, end to end through nginx: the abuse run (src/abuse.ts) walks every negative
// path the abuse-protection work fixed against a whole stack, with the limits as configured by
// default, and every case passes; a short spec-driven fuzz through nginx gets no 5xx and no error
// outside the contract's shape, nginx's own refusals included.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ABUSE_CASES, formatReport, runAbuse } from '../src/abuse/run.js';
import { runFuzz } from '../src/fuzz/run.js';
import { startE2eStack } from './support/e2e-stack.js';
import type { E2eStack } from './support/e2e-stack.js';

describe('a hostile client against nginx in front of two replicas', () => {
  let stack: E2eStack;
  /** nginx on an address, not a name: the tools only send from and to IPv4 loopback addresses. */
  let site: string;

  before(
    async () => {
      stack = await startE2eStack('abuse');
      site = `http://127.0.0.1:${new URL(stack.url).port}`;
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await stack?.stop();
    },
    { timeout: 60_000 },
  );

  it('When every abuse case runs, then each finds the fixed behaviour', { timeout: 240_000 }, async () => {
    const report = await runAbuse({ baseUrl: site });

    assert.equal(report.failed, 0, formatReport(report));
    assert.equal(report.passed, ABUSE_CASES.length);
  });

  it(
    'When 400 generated requests go through nginx, then none is answered with 5xx or a shapeless error',
    { timeout: 240_000 },
    async () => {
      const report = await runFuzz({
        baseUrl: `${site}/api/v1`,
        requests: 400,
        timeLimitMs: 200_000,
        concurrency: 4,
        seed: 12,
      });

      assert.deepEqual(report.failures, []);
      assert.ok(report.sent >= 350, `only ${report.sent} sent`);
      // nginx's own refusals were among them (a URI or headers too large, a malformed request).
      assert.ok(
        ['400', '414', '431'].some((status) => (report.byStatus[status] ?? 0) > 0),
        JSON.stringify(report.byStatus),
      );
    },
  );
});
