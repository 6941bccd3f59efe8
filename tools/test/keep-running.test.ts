// keepRunning() with real child processes: one that crashes is started again and counts as back
// once ready; one that keeps crashing is given up after the configured restarts; a replace()
// while a crashed one is being brought back waits for it; stop() ends it for good.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findFreePort } from '@inkwell/local';
import { keepRunning } from '../src/keep-running.js';
import type { KeepRunningOptions } from '../src/keep-running.js';
import { spawnManaged, waitForHttpOk } from '../src/processes.js';
import { makeTempDir } from './helpers.js';

/** Serves 200 on PORT; exits with code 3 after CRASH_AFTER_MS when that is set. */
const CHILD_SOURCE = `
import { createServer } from 'node:http';
const server = createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
if (process.env.CRASH_AFTER_MS) setTimeout(() => process.exit(3), Number(process.env.CRASH_AFTER_MS));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

describe('keepRunning', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let script: string;

  before(async () => {
    tmp = await makeTempDir('keep-running');
    script = path.join(tmp.dir, 'child.mjs');
    await writeFile(script, CHILD_SOURCE);
  });
  after(async () => {
    await tmp.remove();
  });

  async function options(crashAfterMs: number | undefined, lines: string[]): Promise<KeepRunningOptions> {
    const port = await findFreePort();
    const env = {
      ...process.env,
      PORT: String(port),
      CRASH_AFTER_MS: crashAfterMs === undefined ? '' : String(crashAfterMs),
    };
    return {
      name: 'child',
      spawn: () => spawnManaged('child', process.execPath, [script], { cwd: tmp.dir, env, output: () => undefined }),
      ready: (child) => waitForHttpOk(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000, process: child }),
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 5_000,
      log: (line) => lines.push(line),
      restartDelaysMs: [10, 20],
      maxFailedRestarts: 3,
    };
  }

  it('When the child is killed, then a fresh one is started and said to be back', async () => {
    const lines: string[] = [];
    const kept = await keepRunning(await options(undefined, lines));
    try {
      const first = kept.current()!;
      first.child.kill('SIGKILL');
      await first.exited;
      const deadline = Date.now() + 10_000;
      while (!lines.some((line) => line.startsWith('child is back after')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(lines[0], 'child was killed by SIGKILL; restarting in 10 ms');
      assert.match(lines[1] ?? '', /^child is back after \d+ ms$/);
      assert.notEqual(kept.current(), first);
      assert.equal(kept.current()?.child.exitCode, null);
    } finally {
      await kept.stop();
    }
  });

  it('When the child keeps crashing, then it is restarted with the configured waits and given up', async () => {
    const lines: string[] = [];
    // Up long enough to be ready, then gone: every restart "succeeds" and crashes again.
    const kept = await keepRunning(await options(300, lines));

    const exit = await kept.gaveUp;

    assert.equal(exit.code, 3);
    assert.deepEqual(
      lines.filter((line) => !line.startsWith('child is back')),
      [
        'child exited with code 3; restarting in 10 ms',
        'child exited with code 3; restarting in 20 ms',
        'child exited with code 3; restarting in 20 ms',
        'child exited with code 3; 3 restarts in a row failed, giving up',
      ],
    );
    await kept.stop();
  });

  it('When a replace comes while a crashed child is being brought back, then it waits for it and replaces it', async () => {
    const lines: string[] = [];
    const kept = await keepRunning({ ...(await options(undefined, lines)), restartDelaysMs: [300] });
    try {
      kept.current()!.child.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 50)); // the restart is waiting its 300 ms

      await kept.replace();

      const back = lines.findIndex((line) => line.startsWith('child is back after'));
      assert.ok(back >= 0, 'the crashed child was brought back before the replace');
      assert.equal(kept.current()?.child.exitCode, null);
      assert.equal(lines.filter((line) => line.includes('restarting')).length, 1, lines.join('\n'));
    } finally {
      await kept.stop();
    }
  });
});
