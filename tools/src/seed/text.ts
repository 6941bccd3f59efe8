// Realistic-looking text from the word lists: names, titles, descriptions, Markdown bodies, bios
// and comments. Everything is drawn from the Random it is given, so it is reproducible.
import type { Random } from './random.js';
import {
  ADJECTIVES,
  AUDIENCES,
  BIO_PATTERNS,
  CODE_SNIPPETS,
  COMMENTS,
  DESCRIPTION_PATTERNS,
  FIRST_NAMES,
  GERUNDS,
  HEADINGS,
  LAST_NAMES,
  NOUNS,
  PLURAL_NOUNS,
  QUOTES,
  SENTENCES,
  TAGS,
  TITLE_PATTERNS,
  VERBS,
} from './vocabulary.js';

const PLACEHOLDER = /\{(\w+)\}/g;
const NUMBERS = ['3', '4', '5', '6', '7', '10', '12'];

const A_BEFORE_VOWEL = /\b([Aa]) (?=[aeiou]|honest)/g;

/** Fills {placeholders}; {topic} prefers the article's own tags when it has some. */
export function fill(random: Random, pattern: string, topics: readonly string[] = []): string {
  return fillPlaceholders(random, pattern, topics).replace(A_BEFORE_VOWEL, '$1n ');
}

function fillPlaceholders(random: Random, pattern: string, topics: readonly string[]): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) => {
    switch (name) {
      case 'adjective':
        return random.pick(ADJECTIVES);
      case 'noun':
      case 'noun2':
        return random.pick(NOUNS);
      case 'pluralNoun':
        return random.pick(PLURAL_NOUNS);
      case 'verb':
        return random.pick(VERBS);
      case 'gerund':
        return random.pick(GERUNDS);
      case 'audience':
        return random.pick(AUDIENCES);
      case 'number':
        return random.pick(NUMBERS);
      case 'topic':
      case 'topic2':
        return topics.length > 0 && random.chance(0.7) ? random.pick(topics) : random.pick(TAGS);
      case 'Topic':
        return capitalise(topics.length > 0 ? random.pick(topics) : random.pick(TAGS));
      default:
        throw new Error(`unknown placeholder {${name}}`);
    }
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A display-ish username such as "maya_lindqvist" or "jonah-okafor42"; may collide, callers dedupe. */
export function username(random: Random): string {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const separator = random.pick(['_', '-', '', '.']);
  const base = separator === '.' ? `${first}${last.charAt(0)}` : `${first}${separator}${last}`;
  return random.chance(0.35) ? `${base}${random.int(1, 999)}` : base;
}

export function title(random: Random, topics: readonly string[]): string {
  return capitalise(fill(random, random.pick(TITLE_PATTERNS), topics));
}

export function description(random: Random, topics: readonly string[]): string {
  return fill(random, random.pick(DESCRIPTION_PATTERNS), topics);
}

export function bio(random: Random): string {
  return fill(random, random.pick(BIO_PATTERNS));
}

export function comment(random: Random, topics: readonly string[]): string {
  const first = fill(random, random.pick(COMMENTS), topics);
  return random.chance(0.3) ? `${first} ${fill(random, random.pick(COMMENTS), topics)}` : first;
}

function paragraph(random: Random, topics: readonly string[], sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i += 1) {
    let sentence = fill(random, random.pick(SENTENCES), topics);
    // A little inline Markdown now and then.
    if (random.chance(0.12)) sentence = sentence.replace(/(\w{5,})/, '**$1**');
    else if (random.chance(0.1)) sentence = sentence.replace(/(\w{4,})\.$/, '`$1`.');
    parts.push(sentence);
  }
  if (random.chance(0.15)) {
    const topic = random.pick(topics.length > 0 ? topics : TAGS);
    parts.push(`There is more on this in [the ${topic} notes](https://example.com/notes/${topic}).`);
  }
  return parts.join(' ');
}

/** A Markdown article body: an introduction, two to five sections, lists, code and quotes. */
export function markdownBody(random: Random, topics: readonly string[]): string {
  const blocks: string[] = [paragraph(random, topics, random.int(2, 4))];
  const sections = random.int(2, 5);
  const headings = random.distinct(HEADINGS.length, sections).map((index) => HEADINGS[index]!);
  for (const heading of headings) {
    blocks.push(`## ${heading}`);
    blocks.push(paragraph(random, topics, random.int(2, 5)));
    const extra = random.float();
    if (extra < 0.2) {
      const items = random.int(3, 5);
      const list: string[] = [];
      for (let i = 0; i < items; i += 1) list.push(`- ${capitalise(fill(random, '{adjective} {pluralNoun}', topics))}`);
      blocks.push(list.join('\n'));
    } else if (extra < 0.32) {
      const snippet = random.pick(CODE_SNIPPETS);
      blocks.push(`\`\`\`${snippet.language}\n${snippet.code}\n\`\`\``);
    } else if (extra < 0.4) {
      blocks.push(`> ${random.pick(QUOTES)}`);
    }
    if (random.chance(0.4)) blocks.push(paragraph(random, topics, random.int(1, 3)));
  }
  return blocks.join('\n\n');
}
