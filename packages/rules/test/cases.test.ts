import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONDUIT_CASES } from '../src/cases.js';
import {
  ARTICLE_TITLE_MAX_LENGTH,
  TAG_LIST_MAX_ITEMS,
  TAG_MAX_LENGTH,
  normaliseTags,
  slugify,
  textLength,
} from '../src/index.js';

describe('the table of tricky cases', () => {
  for (const c of CONDUIT_CASES) {
    test(`When the case is "${c.name}", then the rules give the expected slug base and tag list`, () => {
      assert.equal(slugify(c.title), c.slugBase);
      assert.deepEqual(normaliseTags(c.tagList), c.expectedTagList);
    });

    test(`When the case is "${c.name}", then its input is valid under the contract`, () => {
      assert.ok(textLength(c.title) <= ARTICLE_TITLE_MAX_LENGTH && /\S/.test(c.title));
      assert.ok(c.tagList.length <= TAG_LIST_MAX_ITEMS);
      assert.equal(new Set(c.tagList).size, c.tagList.length, 'tags are unique as sent');
      for (const tag of c.tagList) assert.ok(textLength(tag) <= TAG_MAX_LENGTH && /\S/.test(tag), tag);
    });
  }

  test('When the table is read, then it reaches the contract’s maximum lengths and tag count', () => {
    assert.ok(
      CONDUIT_CASES.some(
        (c) => textLength(c.title) === ARTICLE_TITLE_MAX_LENGTH && c.title.length > textLength(c.title),
      ),
    );
    assert.ok(CONDUIT_CASES.some((c) => c.tagList.length === TAG_LIST_MAX_ITEMS));
    assert.ok(CONDUIT_CASES.some((c) => c.tagList.some((tag) => tag.length > TAG_MAX_LENGTH)));
    assert.equal(new Set(CONDUIT_CASES.map((c) => c.name)).size, CONDUIT_CASES.length, 'names are unique');
  });
});
