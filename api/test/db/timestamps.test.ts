import { describe, expect, test } from '@jest/globals';
import { toIsoTimestamp } from '../../src/db/pool.js';

describe('toIsoTimestamp', () => {
  test.each([
    ['2026-01-01 10:00:00+00', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01 10:00:00.1+00', '2026-01-01T10:00:00.100Z'],
    ['2026-02-18 03:22:56.637123+00', '2026-02-18T03:22:56.637Z'],
    ['2026-02-18 05:22:56.5+02', '2026-02-18T03:22:56.500Z'],
  ])('When PostgreSQL sends %j, then clients read %j', (text, iso) => {
    expect(toIsoTimestamp(text)).toBe(iso);
  });
});
