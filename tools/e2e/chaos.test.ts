// The system as production runs it, while traffic flows and things break: the chaos harness's
// short form (src/chaos/, `npm run chaos -w tools -- --short`) starts its own stack, runs a small
// mixed load through nginx and injects each fault once (a replica killed, a rolling restart,
// PostgreSQL stopped and killed, the object store away, the renderers killed); every budget holds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAULT_IDS } from '../src/chaos/faults.js';
import { formatReport } from '../src/chaos/report.js';
import { SHORT_SETTINGS, runChaos } from '../src/chaos/run.js';

describe('nginx, two replicas, their renderers, PostgreSQL and S3 under faults', () => {
  it(
    'When each fault strikes once under a steady load, then every budget holds and no acknowledged write is lost',
    { timeout: 180_000 },
    async () => {
      const progress: string[] = [];

      const report = await runChaos({ ...SHORT_SETTINGS, faults: FAULT_IDS, log: (line) => progress.push(line) });

      assert.ok(report.passed, `${formatReport(report)}\n\nprogress:\n${progress.join('\n')}`);
      assert.deepEqual(
        report.phases.map((phase) => phase.phase.fault.id),
        [...FAULT_IDS],
      );
      assert.ok(report.verification.checked.article > 0, 'no write was acknowledged');
    },
  );
});
