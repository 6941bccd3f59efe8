import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareCodePoints, compareTags, normaliseTags } from '../src/index.js';

describe('normaliseTags', () => {
  test('When tags have spaces around them, duplicates or blanks, then they are trimmed, deduplicated and dropped', () => {
    assert.deepEqual(normaliseTags([' dragons', 'dragons ', 'dragons', '   ', 'training']), ['dragons', 'training']);
  });

  test('When tags differ only by case, then all are kept, lower case first', () => {
    assert.deepEqual(normaliseTags(['GO', 'Go', 'go', 'Python']), ['go', 'Go', 'GO', 'Python']);
  });

  test('When tags are in other scripts, then they sort in English collation order', () => {
    assert.deepEqual(normaliseTags(['привет', 'zebra', 'Äpfel', 'apple']), ['Äpfel', 'apple', 'zebra', 'привет']);
  });

  test('When the input is a frozen list, then it is left as it was', () => {
    const tags = Object.freeze(['b', 'a']);

    assert.deepEqual(normaliseTags(tags), ['a', 'b']);
    assert.deepEqual(tags, ['b', 'a']);
  });
});

describe('compareTags', () => {
  test('When two tags are canonically equivalent, then the order is still total (by code units)', () => {
    const composed = '\u00e9';
    const decomposed = 'e\u0301';

    assert.ok(compareTags(decomposed, composed) < 0);
    assert.ok(compareTags(composed, decomposed) > 0);
    assert.equal(compareTags(composed, composed), 0);
  });
});

describe('compareCodePoints', () => {
  test('When tags are compared, then upper case comes first, as in a C collation', () => {
    assert.deepEqual(['go', 'GO', 'Go'].sort(compareCodePoints), ['GO', 'Go', 'go']);
  });

  test('When a character lies beyond the basic plane, then it sorts by code point, not by UTF-16 unit', () => {
    // U+1F525 is above U+FF41, although its first UTF-16 unit (0xD83D) is below.
    assert.ok(compareCodePoints('🔥', '\uff41') > 0);
    assert.ok('🔥' < '\uff41');
  });

  test('When one tag is a prefix of another, then the shorter comes first', () => {
    assert.ok(compareCodePoints('go', 'golang') < 0);
    assert.ok(compareCodePoints('golang', 'go') > 0);
    assert.equal(compareCodePoints('go', 'go'), 0);
  });
});
