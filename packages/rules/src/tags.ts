// Tags: how an article's tag list is cleaned up and ordered, and how tags are ordered elsewhere.

const collator = new Intl.Collator('en', { sensitivity: 'variant', numeric: false });

/**
 * The order of an article's `tagList`: alphabetical in English ("go" < "Go" < "GO" < "python"),
 * ties (tags that differ only in ways the collator ignores) by UTF-16 code units.
 */
export function compareTags(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Tags trimmed, without duplicates, in alphabetical order (`compareTags`). Case is kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))].sort(compareTags);
}

/**
 * Code point order, as PostgreSQL's C and C.UTF-8 collations sort text: how `GET /tags` orders
 * tags used by as many articles ("GO" < "Go" < "go").
 */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}
