// The shared table of tricky titles and tag lists (@inkwell/rules/cases) against the real API.
// The web's mock handlers run the same table (web/src/testing/mocks/conduit-rules.test.ts): when
// both pass, the API and the mocks give every case the same slug and the same tag list.
import { describe, expect, test } from '@jest/globals';
import { isSlugOf } from '@inkwell/rules';
import { CONDUIT_CASES } from '@inkwell/rules/cases';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();
const cases = CONDUIT_CASES.map((c) => [c.name, c] as const);
const articleUrl = (slug: string): string => `/api/v1/articles/${encodeURIComponent(slug)}`;

describe('the Conduit rules, case by case (createArticle, updateArticle, getArticle)', () => {
  test.each(cases)(
    'When an article is published with the case "%s", then it reads back with the expected slug and tags',
    async (_name, c) => {
      const author = await userFactory.create(app);

      const created = await app.request
        .post('/api/v1/articles')
        .set(tokenHeader(author.token))
        .send({ article: { title: c.title, description: 'A case', body: 'A body.', tagList: c.tagList } });
      const read = await app.request.get(articleUrl(created.body.article?.slug ?? ''));

      expect(created.status).toBe(201);
      expect(read.status).toBe(200);
      expect(read.body.article.title).toBe(c.title);
      expect(isSlugOf(read.body.article.slug, c.slugBase)).toBe(true);
      expect(read.body.article.tagList).toEqual(c.expectedTagList);
    },
  );

  test.each(cases)(
    'When an article is changed to the case "%s", then it reads back with the expected slug and tags',
    async (_name, c) => {
      const author = await userFactory.create(app);
      const draft = await app.request
        .post('/api/v1/articles')
        .set(tokenHeader(author.token))
        .send({ article: { title: 'A draft', description: 'A case', body: 'A body.', tagList: ['draft'] } });

      const updated = await app.request
        .put(articleUrl(draft.body.article.slug))
        .set(tokenHeader(author.token))
        .send({ article: { title: c.title, tagList: c.tagList } });
      const read = await app.request.get(articleUrl(updated.body.article?.slug ?? ''));

      expect(updated.status).toBe(200);
      expect(read.status).toBe(200);
      expect(isSlugOf(read.body.article.slug, c.slugBase)).toBe(true);
      expect(read.body.article.tagList).toEqual(c.expectedTagList);
    },
  );
});
