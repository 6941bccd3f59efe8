import { describe, expect, test } from '@jest/globals';

import { insertBlock } from './text';

describe('insertBlock', () => {
  test('When the cursor is mid-line, then the block gets lines of its own and the cursor lands after it', () => {
    const { text, cursor } = insertBlock('Before.After.', 7, 7, '![a](u)');

    expect(text).toBe('Before.\n\n![a](u)\n\nAfter.');
    expect(text.slice(0, cursor)).toBe('Before.\n\n![a](u)');
  });

  test('When the text is empty, then only the block is inserted', () => {
    expect(insertBlock('', 0, 0, '![a](u)')).toEqual({ text: '![a](u)', cursor: 7 });
  });

  test('When text is selected, then the block replaces it', () => {
    expect(insertBlock('One\n\nTWO\n\nThree', 5, 8, 'B').text).toBe('One\n\nB\n\nThree');
  });
});
