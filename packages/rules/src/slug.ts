// Slugs: readable, derived from the title, unique thanks to a short random suffix when needed.

const MAX_BASE_LENGTH = 80;
const SUFFIX_LENGTH = 6;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Where random bytes come from: Web Crypto (`globalThis.crypto`, in browsers and in Node) unless
 * a caller such as the seed brings its own. Typed here so that the package needs neither the
 * DOM's nor Node's types.
 */
export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * "How to train your Dragon!" → "how-to-train-your-dragon"; letters of any script are kept, and
 * only Latin letters lose their accents: "Crème brûlée" → "creme-brulee", "データ" stays "データ".
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD') // compatibility forms and accents apart: "ﬁ" → "fi", "é" → "e" + U+0301
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1') // accents off Latin letters only: é → e
    // Every other script keeps its marks, put back together: "テ" + U+3099 → "デ", "и" + U+0306 → "й".
    .normalize('NFC')
    .toLowerCase()
    // A mark belongs to the character before it: on a digit, a symbol or an emoji (the variation
    // selector of ❤️, a keycap) it goes; on a letter it stays, as in हिन्दी.
    .replace(/(^|[^\p{L}\p{M}])\p{M}+/gu, '$1')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by code point, so that a letter beyond the basic plane is never split in half.
  const base = Array.from(words).slice(0, MAX_BASE_LENGTH).join('').replace(/-+$/, '');
  return base === '' ? 'article' : base;
}

/** `base` plus "-" and six random characters, e.g. "how-to-train-your-dragon-x3k9qz". */
export function withSuffix(
  base: string,
  random: RandomSource = (globalThis as unknown as { crypto: RandomSource }).crypto,
): string {
  const bytes = random.getRandomValues(new Uint8Array(SUFFIX_LENGTH));
  let suffix = '';
  for (const byte of bytes) suffix += SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length];
  return `${base}-${suffix}`;
}

/** Whether `slug` was made from `base` (itself, or itself with a suffix). */
export function isSlugOf(slug: string, base: string): boolean {
  return (
    slug === base ||
    (slug.length === base.length + SUFFIX_LENGTH + 1 &&
      slug.startsWith(`${base}-`) &&
      /^[a-z0-9]{6}$/.test(slug.slice(-SUFFIX_LENGTH)))
  );
}
