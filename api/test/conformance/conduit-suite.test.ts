import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { useTestApp } from '../helpers/test-app.js';

// The public RealWorld Postman suite and its runner, kept in the repository (tools/conformance).
const suiteDir = fileURLToPath(new URL('../../../tools/conformance/', import.meta.url));
// The workspace's shared copy, when the repository sits beside it.
const sharedDir = fileURLToPath(new URL('../../../../shared/conformance/', import.meta.url));
const SUITE_FILES = ['Conduit.postman_collection.json', 'run.sh', 'LICENSE.realworld'];
const app = useTestApp();

describe('the public Conduit suite', () => {
  test('When the suite runs against /api/v1, then every assertion passes', async () => {
    const { stdout } = await promisify(execFile)(`${suiteDir}run.sh`, [`${app.baseUrl}/api/v1`], {
      timeout: 170_000,
    }).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }));

    // On failure the whole output shows, with the runner's FAIL lines.
    expect(stdout).toMatch(/(^|\n)\d+ passed, 0 failed\s*$/);
    const passed = Number(/(\d+) passed, 0 failed\s*$/.exec(stdout)?.[1]);
    expect(passed).toBeGreaterThanOrEqual(300);
  }, 180_000);

  test('When the kept suite is read, then it is the whole public collection, as in the shared copy', () => {
    type Item = { item?: Item[] };
    const collection = JSON.parse(readFileSync(`${suiteDir}Conduit.postman_collection.json`, 'utf8')) as {
      info: { name: string };
    } & Item;
    const requests = (item: Item): number => item.item?.reduce((sum, child) => sum + requests(child), 0) ?? 1;
    expect(collection.info.name).toBe('Conduit');
    expect(requests(collection)).toBe(32);
    // Outside the workspace (a clone elsewhere) there is no shared copy to compare with.
    if (!existsSync(sharedDir)) return;
    for (const file of SUITE_FILES) {
      expect(readFileSync(`${suiteDir}${file}`).equals(readFileSync(`${sharedDir}${file}`))).toBe(true);
    }
  });
});
