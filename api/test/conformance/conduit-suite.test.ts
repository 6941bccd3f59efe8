import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { useTestApp } from '../helpers/test-app.js';

// The public RealWorld Postman suite and its runner live beside the repository (../shared).
const runner = fileURLToPath(new URL('../../../../shared/conformance/run.sh', import.meta.url));
const app = useTestApp();

describe('the public Conduit suite', () => {
  test('When the suite runs against /api/v1, then every assertion passes', async () => {
    expect(existsSync(runner)).toBe(true);

    const { stdout } = await promisify(execFile)(runner, [`${app.baseUrl}/api/v1`], { timeout: 170_000 }).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );

    // On failure the whole output shows, with the runner's FAIL lines.
    expect(stdout).toMatch(/(^|\n)\d+ passed, 0 failed\s*$/);
    const passed = Number(/(\d+) passed, 0 failed\s*$/.exec(stdout)?.[1]);
    expect(passed).toBeGreaterThanOrEqual(300);
  }, 180_000);
});
