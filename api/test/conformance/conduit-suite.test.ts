import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { useTestApp } from '../helpers/test-app.js';

// The public RealWorld Postman suite, vendored in the repository (tools/conformance) with the
// SHA-256 of each file as published, and our runner for it.
const suiteDir = fileURLToPath(new URL('../../../tools/conformance/', import.meta.url));
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

  test('When the vendored suite is read, then it is the whole public collection, unchanged', () => {
    type Item = { item?: Item[] };
    const collection = JSON.parse(readFileSync(`${suiteDir}Conduit.postman_collection.json`, 'utf8')) as {
      info: { name: string };
    } & Item;
    const requests = (item: Item): number => item.item?.reduce((sum, child) => sum + requests(child), 0) ?? 1;
    expect(collection.info.name).toBe('Conduit');
    expect(requests(collection)).toBe(32);
    const sums = readFileSync(`${suiteDir}SHA256SUMS`, 'utf8').trim().split('\n');
    expect(sums.map((line) => line.split(/\s+/)[1]).sort()).toEqual([
      'Conduit.postman_collection.json',
      'LICENSE.realworld',
    ]);
    for (const line of sums) {
      const [sum, file] = line.split(/\s+/);
      const actual = createHash('sha256')
        .update(readFileSync(`${suiteDir}${file}`))
        .digest('hex');
      expect({ file, sum: actual }).toEqual({ file, sum });
    }
  });
});
