// Search in the mock store: a simple stand-in for the API's ranked full-text search.
import type { ArticleRecord } from './records';

interface ParsedSearch {
  include: string[];
  exclude: string[];
}

/** Splits `q` into lower-case terms: words and `"phrases"` to find, `-words` to leave out. */
export function parseSearch(q: string): ParsedSearch {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const match of q.toLowerCase().matchAll(/(-?)"([^"]+)"|(-?)([^\s"]+)/g)) {
    const negated = Boolean(match[1] || match[3]);
    const term = (match[2] ?? match[4] ?? '').trim();
    // The API's search drops stop words: "the moss" finds what "moss" finds.
    if (!term || (!negated && !match[2] && STOP_WORDS.has(term))) continue;
    (negated ? exclude : include).push(match[2] ? term : stem(term));
  }
  return { include, exclude };
}

/** A crude English stemmer, enough for `dragons` to find "dragon" and `training` "train". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The API's answer to a search that names nothing to look for (it would match every article). */
export const NO_SEARCH_WORD = 'must contain a word to look for, not only excluded or very common words';

/**
 * PostgreSQL's English stop words (its `english.stop`), which the API's search drops: a search
 * made of these alone looks for nothing.
 */
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
    'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
    'while of at by for with about against between into through during before after above below to from up ' +
    'down in out on off over under again further then once here there when where why how all any both each ' +
    'few more most other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);

/** The words of `text` the API's search would look up: letters and digits, stop words left out. */
const searchableWords = (text: string): string[] =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word));

/**
 * Whether `q` names something to look for, as the API decides it (PostgreSQL's
 * `websearch_to_tsquery`): every alternative (`a or b`) that says anything must have a word to
 * find, not only `-excluded` ones, since an alternative of exclusions alone matches nearly every
 * article. Alternatives of stop words alone are dropped, as PostgreSQL drops them.
 */
export function hasSearchWord(q: string): boolean {
  const alternatives: { found: boolean; excluded: boolean }[] = [{ found: false, excluded: false }];
  for (const match of q.matchAll(/(-?)"([^"]*)"?|(-?)([^\s"]+)/g)) {
    const negated = Boolean(match[1] || match[3]);
    const term = match[2] ?? match[4] ?? '';
    if (!negated && !match[2] && term.toLowerCase() === 'or') {
      alternatives.push({ found: false, excluded: false });
      continue;
    }
    if (searchableWords(term).length === 0) continue;
    const current = alternatives[alternatives.length - 1]!;
    if (negated) current.excluded = true;
    else current.found = true;
  }
  const meaningful = alternatives.filter((a) => a.found || a.excluded);
  return meaningful.length > 0 && meaningful.every((a) => a.found);
}

const WEIGHTS = { title: 8, tags: 4, description: 2, body: 1 } as const;

/** 0 when the article does not match; otherwise higher for matches in weightier fields. */
export function scoreArticle(search: ParsedSearch, article: ArticleRecord): number {
  const fields = {
    title: article.title.toLowerCase(),
    tags: article.tagList.join(' ').toLowerCase(),
    description: article.description.toLowerCase(),
    body: article.body.toLowerCase(),
  };
  const all = Object.values(fields).join('\n');
  if (search.exclude.some((term) => all.includes(term))) return 0;
  let score = 0;
  for (const term of search.include) {
    let termScore = 0;
    for (const [field, weight] of Object.entries(WEIGHTS)) {
      if (fields[field as keyof typeof WEIGHTS].includes(term)) termScore += weight;
    }
    if (termScore === 0) return 0;
    score += termScore;
  }
  return search.include.length > 0 ? score : 1;
}
