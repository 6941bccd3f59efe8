import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as rules from '../src/index.js';
import { htmlPattern } from '../src/index.js';

/** The contract's patterns, and ones written to trip each rule of the conversion. */
const PATTERNS = [
  ...Object.entries(rules)
    .filter(([name]) => name.endsWith('_PATTERN'))
    .map(([, value]) => value as string),
  '\\S',
  '^[-a-z]+$',
  '^[a-z-]+$',
  '^[a-c-e]+$',
  '^[--/]+$',
  '^[^_-]+$',
  '^[\\d-]+$',
  '^[(){}/|[]+$',
  '^[&&!!~~]+$',
  '^[🐉-🔥-a]+$',
  '^[\\u0041-\\u005A-z]+$',
  '^[\\p{Script=Latin}-]+$',
  '^a|b$',
  '^\\$$',
  '^$',
];

const ALPHABET = [...'azAZ09_-/(){}[]|&!~ .:$^\\bcdeé', '🐉', '🔥', '🐍'];
/** Every character of the alphabet alone and in pairs, and a few realistic values. */
const SAMPLES = [
  '',
  ...ALPHABET,
  ...ALPHABET.flatMap((first) => ALPHABET.map((second) => first + second)),
  'ada_lovelace-1',
  'ada lovelace',
  'https://assets.inkwell.example/a/cover.webp',
  'http://x',
  'ftp://x',
  'https://',
];

/** Whether a browser accepts `value` for `pattern="<attribute>"`, compiling it with `flags`. */
function browserAccepts(attribute: string, flags: 'u' | 'v', value: string): boolean {
  return new RegExp(`^(?:${attribute})$`, flags).test(value);
}

describe('htmlPattern', () => {
  for (const [pattern, attribute] of [
    ['^[A-Za-z0-9_-]+$', '[A-Za-z0-9_\\-]+'],
    ['^https?://\\S+$', 'https?://\\S+'],
    ['^(https?://\\S+)?$', '(https?://\\S+)?'],
    ['\\S', '[\\s\\S]*(?:\\S)[\\s\\S]*'],
    ['^[a-z&&]+$', '[a-z\\x26\\x26]+'],
  ] as const) {
    test(`When the contract says ${pattern}, then the attribute is ${attribute}`, () => {
      assert.equal(htmlPattern(pattern), attribute);
    });
  }

  test('When the contract’s username pattern is used as it is, then a browser’s `v` flag refuses it (the reason for all this)', () => {
    assert.throws(() => new RegExp(`^(?:${rules.USERNAME_PATTERN})$`, 'v'), SyntaxError);
    assert.doesNotThrow(() => new RegExp(`^(?:${htmlPattern(rules.USERNAME_PATTERN)})$`, 'v'));
  });

  for (const pattern of PATTERNS) {
    test(`When ${pattern} is converted, then browsers with the v or the u flag accept exactly what the contract accepts`, () => {
      const contract = new RegExp(pattern, 'u');
      const attribute = htmlPattern(pattern);
      const accepted = SAMPLES.filter((value) => contract.test(value));

      assert.ok(accepted.length > 0 && accepted.length < SAMPLES.length, 'the samples tell the pattern apart');
      for (const flags of ['v', 'u'] as const) {
        const differ = SAMPLES.filter((value) => browserAccepts(attribute, flags, value) !== contract.test(value));
        assert.deepEqual(differ, [], `${attribute} with the ${flags} flag`);
      }
    });
  }
});
