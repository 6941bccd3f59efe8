// Tricky inputs with the answers the API gives them, for tests that feed the same table to every
// implementation of the rules (the API, the mocks) and check that they agree. Every input is
// valid under the contract; the expectations are written out by hand, not computed by the rules.

import { ARTICLE_TITLE_MAX_LENGTH, TAG_MAX_LENGTH } from './generated/limits.js';

export interface ConduitCase {
  /** What the case is about, for test names. */
  name: string;
  /** `article.title` as sent. */
  title: string;
  /** `article.tagList` as sent. */
  tagList: readonly string[];
  /** The slug is this, or this plus "-" and six random characters (`isSlugOf`). */
  slugBase: string;
  /** `article.tagList` as answered: trimmed, without duplicates, in `compareTags` order. */
  expectedTagList: readonly string[];
}

const longest = (unit: string): string => unit.repeat(TAG_MAX_LENGTH);

export const CONDUIT_CASES: readonly ConduitCase[] = [
  {
    name: 'plain English',
    title: 'How to train your dragon',
    tagList: ['training', 'dragons'],
    slugBase: 'how-to-train-your-dragon',
    expectedTagList: ['dragons', 'training'],
  },
  {
    name: 'Cyrillic, in mixed case',
    title: 'Привет мир',
    tagList: ['привет', 'Мир', 'ёж', 'Ёлка'],
    slugBase: 'привет-мир',
    expectedTagList: ['ёж', 'Ёлка', 'Мир', 'привет'],
  },
  {
    name: 'accents, dropped from the slug and ordered after the bare letter in tags',
    title: 'Crème brûlée, à la carte!',
    tagList: ['crème', 'creme', 'Crème', 'CREME'],
    slugBase: 'creme-brulee-a-la-carte',
    expectedTagList: ['creme', 'CREME', 'crème', 'Crème'],
  },
  {
    name: 'Turkish dotted I, German sharp s, Greek capitals',
    title: 'İstanbul Straße ΑΘΗΝΑ',
    tagList: ['Zebra', 'apple', 'Äpfel', 'zebra'],
    slugBase: 'istanbul-straße-αθηνα',
    expectedTagList: ['Äpfel', 'apple', 'zebra', 'Zebra'],
  },
  {
    name: 'Chinese with full-width punctuation; Han, kana and Hangul tags',
    title: '你好，世界',
    tagList: ['漢字', 'かな', 'カナ', '한글'],
    slugBase: '你好-世界',
    expectedTagList: ['한글', 'かな', 'カナ', '漢字'],
  },
  {
    // Only Latin letters lose their accents: "デ" keeps its voicing mark, though it comes apart
    // from its letter on the way, as "é" does.
    name: 'Japanese voicing marks, kept',
    title: 'データベース入門',
    tagList: ['データ'],
    slugBase: 'データベース入門',
    expectedTagList: ['データ'],
  },
  {
    name: 'marks of other scripts kept with their letters; those on emoji and digits dropped',
    title: 'Мой йогурт, हिन्दी ❤️ 1️⃣ tip',
    tagList: ['йогурт'],
    slugBase: 'мой-йогурт-हिन्दी-1-tip',
    expectedTagList: ['йогурт'],
  },
  {
    name: 'emoji among words',
    title: 'Dragons 🐉 and fire 🔥',
    tagList: ['🐉', 'fire', 'Fire', '🔥'],
    slugBase: 'dragons-and-fire',
    expectedTagList: ['🐉', '🔥', 'fire', 'Fire'],
  },
  {
    name: 'emoji only',
    title: '🐉🔥',
    tagList: [],
    slugBase: 'article',
    expectedTagList: [],
  },
  {
    name: 'mixed case',
    title: 'TypeScript Tips AND Tricks',
    tagList: ['TypeScript', 'typescript', 'Go', 'go', 'GO'],
    slugBase: 'typescript-tips-and-tricks',
    expectedTagList: ['go', 'Go', 'GO', 'typescript', 'TypeScript'],
  },
  {
    name: 'whitespace around and inside',
    title: '  \t Lots   of\nspace  ',
    tagList: ['  padded  ', 'in between', 'tab\tinside'],
    slugBase: 'lots-of-space',
    expectedTagList: ['in between', 'padded', 'tab\tinside'],
  },
  {
    name: 'duplicates once trimmed',
    title: 'Dragons, dragons, DRAGONS',
    tagList: ['dragons', ' dragons', 'dragons '],
    slugBase: 'dragons-dragons-dragons',
    expectedTagList: ['dragons'],
  },
  {
    name: 'punctuation only',
    title: '!!! ??? ...',
    tagList: ['c++', 'c#', '.net', '!'],
    slugBase: 'article',
    expectedTagList: ['!', '.net', 'c#', 'c++'],
  },
  {
    name: 'digits, compared as text',
    title: 'C++ & Rust: 2026 edition',
    tagList: ['10', '9', '2'],
    slugBase: 'c-rust-2026-edition',
    expectedTagList: ['10', '2', '9'],
  },
  {
    name: 'compatibility forms and decomposed accents; canonically equivalent tags stay distinct',
    title: 'Ｆｕｌｌｗｉｄｔｈ ﬁsh, cafe\u0301',
    tagList: ['\u00e9t\u00e9', 'e\u0301te\u0301', 'ete'],
    slugBase: 'fullwidth-fish-cafe',
    expectedTagList: ['ete', 'e\u0301te\u0301', '\u00e9t\u00e9'],
  },
  {
    name: 'the longest title, its slug cut at 80 characters without a trailing dash',
    title: `${'word '.repeat(ARTICLE_TITLE_MAX_LENGTH / 5 - 1)}words`,
    tagList: ['j', 'I', 'h', 'G', 'f', 'E', 'd', 'C', 'b', 'A'].map(longest),
    slugBase: `${'word-'.repeat(15)}word`,
    expectedTagList: ['A', 'b', 'C', 'd', 'E', 'f', 'G', 'h', 'I', 'j'].map(longest),
  },
  {
    name: 'letters beyond the basic plane, the slug cut at 80 of them and none split in half',
    title: `a${'𠀀'.repeat(100)}`,
    tagList: [],
    slugBase: `a${'𠀀'.repeat(79)}`,
    expectedTagList: [],
  },
  {
    name: 'the longest title and tags counted in code points, not UTF-16 units',
    title: `${'🐉'.repeat(10)} ${'x'.repeat(ARTICLE_TITLE_MAX_LENGTH - 11)}`,
    tagList: [longest('🔥'), longest('ж'), longest('漢')],
    slugBase: 'x'.repeat(80),
    expectedTagList: [longest('🔥'), longest('ж'), longest('漢')],
  },
];
