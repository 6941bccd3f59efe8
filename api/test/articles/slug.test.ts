import { describe, expect, test } from '@jest/globals';
import { isSlugOf, slugify, withSuffix } from '../../src/modules/articles/slug.js';

describe('slugify', () => {
  test.each([
    ['How to train your dragon', 'how-to-train-your-dragon'],
    ['  Crème brûlée, à la carte!  ', 'creme-brulee-a-la-carte'],
    ['C++ & Rust: 2026 edition', 'c-rust-2026-edition'],
    ['日本語のタイトル', '日本語のタイトル'],
    ['!!!', 'article'],
  ])('When the title is %j, then the slug is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  test('When the title is very long, then the slug stops at 80 characters without a trailing dash', () => {
    const slug = slugify(`${'word '.repeat(40)}end`);

    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).not.toMatch(/-$/);
  });
});

describe('withSuffix and isSlugOf', () => {
  test('When a suffix is added, then it is six lowercase letters or digits, and the slug still belongs to its base', () => {
    const slug = withSuffix('dragons');

    expect(slug).toMatch(/^dragons-[a-z0-9]{6}$/);
    expect(isSlugOf(slug, 'dragons')).toBe(true);
    expect(isSlugOf('dragons', 'dragons')).toBe(true);
    expect(isSlugOf('dragons-of-the-north', 'dragons')).toBe(false);
  });
});
