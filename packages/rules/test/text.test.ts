import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatBytes, formatPixels, textLength } from '../src/index.js';

describe('textLength', () => {
  test('When text has characters beyond the basic plane, then each counts once', () => {
    assert.equal(textLength('🐉🔥'), 2);
    assert.equal(textLength('Привет'), 6);
    assert.equal(textLength(''), 0);
  });
});

describe('formatBytes and formatPixels', () => {
  for (const [bytes, words] of [
    [10 * 1024 * 1024, '10 MiB'],
    [1024 * 1024, '1 MiB'],
    [1.5 * 1024 * 1024, '1.5 MiB'],
    [12_345_678, '11.8 MiB'],
    [100 * 1024, '100 KiB'],
    [300, '300 bytes'],
  ] as const) {
    test(`When the size is ${bytes} bytes, then it reads "${words}"`, () => {
      assert.equal(formatBytes(bytes), words);
    });
  }

  test('When a pixel count is given, then it reads in megapixels', () => {
    assert.equal(formatPixels(50_000_000), '50 megapixels');
    assert.equal(formatPixels(12_300_000), '12.3 megapixels');
  });
});
