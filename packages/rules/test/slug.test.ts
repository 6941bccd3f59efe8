import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSlugOf, slugify, withSuffix } from '../src/index.js';

describe('slugify', () => {
  for (const [title, slug] of [
    ['How to train your dragon', 'how-to-train-your-dragon'],
    ['  Crème brûlée, à la carte!  ', 'creme-brulee-a-la-carte'],
    ['C++ & Rust: 2026 edition', 'c-rust-2026-edition'],
    ['日本語のタイトル', '日本語のタイトル'],
    ['データベース入門', 'データベース入門'],
    ['ｶﾞｲﾄﾞ', 'ガイド'],
    ['한글 제목', '한글-제목'],
    ['Tiếng Việt', 'tieng-viet'],
    ['Привет мир', 'привет-мир'],
    ['!!!', 'article'],
  ] as const) {
    test(`When the title is ${JSON.stringify(title)}, then the slug is ${JSON.stringify(slug)}`, () => {
      assert.equal(slugify(title), slug);
    });
  }

  test('When the title is very long, then the slug stops at 80 characters without a trailing dash', () => {
    const slug = slugify(`${'word '.repeat(40)}end`);

    assert.ok(slug.length <= 80);
    assert.doesNotMatch(slug, /-$/);
  });
});

describe('withSuffix and isSlugOf', () => {
  test('When a suffix is added, then it is six lowercase letters or digits, and the slug still belongs to its base', () => {
    const slug = withSuffix('dragons');

    assert.match(slug, /^dragons-[a-z0-9]{6}$/);
    assert.equal(isSlugOf(slug, 'dragons'), true);
    assert.equal(isSlugOf('dragons', 'dragons'), true);
    assert.equal(isSlugOf('dragons-of-the-north', 'dragons'), false);
    assert.equal(isSlugOf('dragons-ABCDEF', 'dragons'), false);
  });

  test('When a source of random bytes is given, then the suffix comes from it', () => {
    const zeros = { getRandomValues: <T extends Uint8Array>(array: T): T => array.fill(0) };
    const ones = { getRandomValues: <T extends Uint8Array>(array: T): T => array.fill(37) };

    assert.equal(withSuffix('dragons', zeros), 'dragons-aaaaaa');
    assert.equal(withSuffix('dragons', ones), 'dragons-bbbbbb');
  });

  test('When suffixes are drawn many times, then they differ', () => {
    const slugs = new Set(Array.from({ length: 200 }, () => withSuffix('a')));

    assert.ok(slugs.size > 190);
  });

  test('When the package is loaded, then it imports nothing from Node (it runs in browsers)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const src = new URL('../src/', import.meta.url);
    const files = await readdir(src, { recursive: true });
    for (const file of files.filter((name) => name.endsWith('.ts'))) {
      assert.doesNotMatch(await readFile(new URL(file, src), 'utf8'), /from ['"]node:/, file);
    }
  });
});
