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

/** "How to train your Dragon!" → "how-to-train-your-dragon"; letters of any script are kept. */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents: é → e
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/-+$/, '');
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
