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
    if (!term) continue;
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
