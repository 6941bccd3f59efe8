import { ARTICLE_BODY_MAX_LENGTH, TAG_LIST_MAX_ITEMS, TAG_MAX_LENGTH } from '@inkwell/rules';
import { describe, expect, test } from '@jest/globals';

import { EMPTY_FIELDS } from '../hooks/use-autosave';

import { validateArticle } from './validate-article';

const complete = { ...EMPTY_FIELDS, title: 'Title', description: 'About', body: 'Text' };

describe('validateArticle', () => {
  test('When every field is within the contract, then there is no problem', () => {
    expect(validateArticle(complete)).toEqual({});
  });

  test('When the required fields hold only spaces, then each is asked for', () => {
    expect(Object.keys(validateArticle({ ...complete, title: ' ', description: '\n', body: '  ' }))).toEqual([
      'title',
      'description',
      'body',
    ]);
  });

  test('When the body is over the limit in code points, then it says by how much it is over', () => {
    const body = '😀'.repeat(ARTICLE_BODY_MAX_LENGTH + 1);

    expect(validateArticle({ ...complete, body }).body).toBe(
      'An article can be at most 100,000 characters long; it has 100,001. Shorten it a little.',
    );
    expect(validateArticle({ ...complete, body: '😀'.repeat(ARTICLE_BODY_MAX_LENGTH) })).toEqual({});
  });

  test('When there are too many tags, or the tag being typed is too long, then the tags have a problem', () => {
    const tags = Array.from({ length: TAG_LIST_MAX_ITEMS + 1 }, (_, i) => `t${i}`);

    expect(validateArticle({ ...complete, tagList: tags }).tagList).toBe(
      'An article can have at most 10 tags: remove 1.',
    );
    expect(validateArticle(complete, 'z'.repeat(TAG_MAX_LENGTH + 1)).tagList).toMatch(/^A tag can be at most 40/);
    expect(validateArticle(complete, 'z'.repeat(TAG_MAX_LENGTH))).toEqual({});
    expect(validateArticle({ ...complete, tagList: tags.slice(1) }, 'one more').tagList).toBe(
      'An article can have at most 10 tags: remove one to add “one more”.',
    );
  });
});
