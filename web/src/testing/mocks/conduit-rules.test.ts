// The shared table of tricky titles and tag lists (@inkwell/rules/cases) against the mock
// handlers. The API runs the same table on PostgreSQL (api/test/articles/conduit-rules.test.ts):
// when both pass, the mocks and the API give every case the same slug and the same tag list.
import { describe, expect, test } from '@jest/globals';
import type { components } from '@inkwell/openapi';
import { compareCodePoints, isSlugOf } from '@inkwell/rules';
import { CONDUIT_CASES } from '@inkwell/rules/cases';

import { seedUser } from '../factories';
import { mockDb } from './db';
import { callApi, setUpMockServer } from './test-client';

type Schemas = components['schemas'];

const cases = CONDUIT_CASES.map((c) => [c.name, c] as const);
const articlePath = (slug: string): string => `/articles/${encodeURIComponent(slug)}`;

setUpMockServer();

async function publish(token: string, article: { title: string; tagList: readonly string[] }): Promise<string> {
  const created = await callApi('POST', '/articles', {
    token,
    json: { article: { description: 'A case', body: 'A body.', ...article } },
  });
  expect(created.status).toBe(201);
  return (created.body as Schemas['ArticleResponse']).article.slug;
}

describe('the Conduit rules, case by case (createArticle, updateArticle, getArticle)', () => {
  test.each(cases)(
    'When an article is published with the case "%s", then it reads back with the expected slug and tags',
    async (_name, c) => {
      const author = seedUser();

      const slug = await publish(author.token, c);
      const read = await callApi('GET', articlePath(slug));

      const { article } = read.body as Schemas['ArticleResponse'];
      expect(read.status).toBe(200);
      expect(article.title).toBe(c.title);
      expect(isSlugOf(article.slug, c.slugBase)).toBe(true);
      expect(article.tagList).toEqual(c.expectedTagList);
    },
  );

  test.each(cases)(
    'When an article is changed to the case "%s", then it reads back with the expected slug and tags',
    async (_name, c) => {
      const author = seedUser();
      const draft = await publish(author.token, { title: 'A draft', tagList: ['draft'] });

      const updated = await callApi('PUT', articlePath(draft), {
        token: author.token,
        json: { article: { title: c.title, tagList: c.tagList } },
      });
      const read = await callApi('GET', articlePath((updated.body as Schemas['ArticleResponse']).article.slug));

      const { article } = read.body as Schemas['ArticleResponse'];
      expect(updated.status).toBe(200);
      expect(isSlugOf(article.slug, c.slugBase)).toBe(true);
      expect(article.tagList).toEqual(c.expectedTagList);
    },
  );
});

describe('the tag ranking (listTags)', () => {
  test('When every case is published, then tags come most used first, ties in code point order as the API sorts them', async () => {
    mockDb.clear();
    const author = seedUser();
    for (const c of CONDUIT_CASES) await publish(author.token, c);
    const uses = new Map<string, number>();
    for (const tag of CONDUIT_CASES.flatMap((c) => c.expectedTagList)) uses.set(tag, (uses.get(tag) ?? 0) + 1);

    const answer = await callApi('GET', '/tags');

    const { tags } = answer.body as Schemas['TagsResponse'];
    expect(tags).toEqual([...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || compareCodePoints(a, b)));
    expect(tags[0]).toBe('dragons');
    expect(tags.indexOf('GO')).toBeLessThan(tags.indexOf('Go'));
    expect(tags.indexOf('Go')).toBeLessThan(tags.indexOf('go'));
  });
});
