// Slugs: readable, derived from the title, unique thanks to a short random suffix when needed.
import { randomBytes } from 'node:crypto';

const MAX_BASE_LENGTH = 80;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

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
export function withSuffix(base: string): string {
  const bytes = randomBytes(6);
  let suffix = '';
  for (const byte of bytes) suffix += SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length];
  return `${base}-${suffix}`;
}

/** Whether `slug` was made from `base` (itself, or itself with a suffix). */
export function isSlugOf(slug: string, base: string): boolean {
  return (
    slug === base ||
    (slug.length === base.length + 7 && slug.startsWith(`${base}-`) && /^[a-z0-9]{6}$/.test(slug.slice(-6)))
  );
}
