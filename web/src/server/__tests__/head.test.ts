/** @jest-environment node */
import { describe, expect, test } from '@jest/globals';

import { serializeForScript } from '@/lib/embedded-state';
import { escapeAttribute, summarize } from '@/server/head';

describe('what the head is written with', () => {
  test('When JSON holds markup and line separators, then none of it can end or bend the script element', () => {
    const value = { title: '</script><!--<script>&\u2028\u2029' };

    const text = serializeForScript(value);

    expect(text).toBe('{"title":"\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e\\u0026\\u2028\\u2029"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  test('When an attribute value holds quotes and markup, then every one is escaped', () => {
    expect(escapeAttribute(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  test('When a description is long, then it is cut at a word with an ellipsis', () => {
    const words = 'lorem ipsum dolor sit amet '.repeat(20);

    const summary = summarize(words, 40);

    expect(summary).toBe('lorem ipsum dolor sit amet lorem ipsum…');
    expect(summarize('  short\n text  ')).toBe('short text');
  });
});
