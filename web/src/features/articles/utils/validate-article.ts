import {
  ARTICLE_BODY_MAX_LENGTH,
  ARTICLE_DESCRIPTION_MAX_LENGTH,
  ARTICLE_TITLE_MAX_LENGTH,
  TAG_LIST_MAX_ITEMS,
  TAG_MAX_LENGTH,
  textLength,
} from '@inkwell/rules';

import type { EditorFields } from './local-copy';

/*
 * The contract's limits, checked as the writer submits, so a mistake is explained beside its field
 * at once instead of after a round trip. The messages speak to the field they sit under ("What is
 * it about?" asks for a summary, the body is "the article"), not in the API's field names.
 */

export type ArticleField = 'title' | 'description' | 'body' | 'tagList';

export type ArticleProblems = Partial<Record<ArticleField, string>>;

const count = (n: number) => n.toLocaleString('en');

function tooLong(what: string, length: number, max: number): string {
  return `${what} can be at most ${count(max)} characters long; it has ${count(length)}. Shorten it a little.`;
}

/** What is wrong with the tags: too many, one too long, or the one still being typed too long. */
function tagProblem(tags: readonly string[], typing: string): string | undefined {
  const pending = typing.trim().replace(/^#/, '');
  if (textLength(pending) > TAG_MAX_LENGTH) {
    return `A tag can be at most ${TAG_MAX_LENGTH} characters long; “${pending}” has ${textLength(pending)}. Shorten it to add it.`;
  }
  const long = tags.find((tag) => textLength(tag) > TAG_MAX_LENGTH);
  if (long !== undefined) return `A tag can be at most ${TAG_MAX_LENGTH} characters long: shorten or remove “${long}”.`;
  if (tags.length > TAG_LIST_MAX_ITEMS) {
    return `An article can have at most ${TAG_LIST_MAX_ITEMS} tags: remove ${tags.length - TAG_LIST_MAX_ITEMS}.`;
  }
  const known = tags.some((tag) => tag.toLowerCase() === pending.toLowerCase());
  if (pending && !known && tags.length === TAG_LIST_MAX_ITEMS) {
    return `An article can have at most ${TAG_LIST_MAX_ITEMS} tags: remove one to add “${pending}”.`;
  }
  return undefined;
}

/** Every problem the API would refuse the article for, keyed by field; empty when there is none. */
export function validateArticle(fields: EditorFields, typingTag = ''): ArticleProblems {
  const problems: ArticleProblems = {};
  const title = fields.title.trim();
  const description = fields.description.trim();
  if (!title) problems.title = 'Give the article a title.';
  else if (textLength(title) > ARTICLE_TITLE_MAX_LENGTH)
    problems.title = tooLong('The title', textLength(title), ARTICLE_TITLE_MAX_LENGTH);
  if (!description) problems.description = 'Say in a sentence or two what the article is about.';
  else if (textLength(description) > ARTICLE_DESCRIPTION_MAX_LENGTH)
    problems.description = tooLong('The summary', textLength(description), ARTICLE_DESCRIPTION_MAX_LENGTH);
  if (!fields.body.trim()) problems.body = 'Write the article: it has no text yet.';
  else if (textLength(fields.body) > ARTICLE_BODY_MAX_LENGTH)
    problems.body = tooLong('An article', textLength(fields.body), ARTICLE_BODY_MAX_LENGTH);
  const tags = tagProblem(fields.tagList, typingTag);
  if (tags) problems.tagList = tags;
  return problems;
}
