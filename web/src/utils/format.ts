/*
 * Dates are shown in UTC: the server renders public pages and the browser hydrates them, and both
 * must print the same day whatever time zone either runs in (a local zone would move an article
 * written late in the evening to the next day on one side only: a hydration mismatch).
 */
const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** "March 3, 2026" (the UTC day) */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** Minutes to read at an unhurried 220 words a minute; at least one. */
export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 220));
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
