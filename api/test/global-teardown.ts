// Once per test run: drop the run's database, stop the servers started for it.
import { rm } from 'node:fs/promises';
import { withAdmin } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis.inkwellTestRun;
  if (!run) return;
  await withAdmin(run.adminUrl, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(run.database)} with (force)`),
  );
  await run.s3.stop();
  await rm(run.s3Dir, { recursive: true, force: true });
  await run.embedded?.stop();
}
