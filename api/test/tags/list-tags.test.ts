import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('GET /api/v1/tags (listTags)', () => {
  test('When tags are used, then the more used come before the less used, at most 100', async () => {
    const author = await userFactory.create(app);
    const popular = uniqueName('popular');
    const rare = uniqueName('rare');
    // Enough uses to rank among the top 100 whatever other tests add.
    for (let i = 0; i < 30; i += 1)
      await articleFactory.create(app, { author, tagList: [popular, ...(i < 20 ? [rare] : [])] });

    const res = await app.request.get('/api/v1/tags');

    expect(res.status).toBe(200);
    expect(res.body.tags.length).toBeLessThanOrEqual(100);
    expect(res.body.tags.indexOf(popular)).toBeGreaterThanOrEqual(0);
    expect(res.body.tags.indexOf(popular)).toBeLessThan(res.body.tags.indexOf(rare));
  });

  test('When a signed-out or forged token is sent, then it is ignored: it answers 200 as without one', async () => {
    const user = await userFactory.create(app);
    await app.request.post('/api/v1/users/logout').set(tokenHeader(user.token));

    const anonymous = await app.request.get('/api/v1/tags');
    const signedOut = await app.request.get('/api/v1/tags').set(tokenHeader(user.token));
    const forged = await app.request.get('/api/v1/tags').set('Authorization', 'Token a.b.c');

    expect([anonymous.status, signedOut.status, forged.status]).toEqual([200, 200, 200]);
    expect(signedOut.body).toEqual(anonymous.body);
    expect(forged.body).toEqual(anonymous.body);
  });

  test('When a tag is no longer used, then it is not listed', async () => {
    const author = await userFactory.create(app);
    const tag = uniqueName('fleeting');
    const article = await articleFactory.create(app, { author, tagList: [tag] });
    await app.db.query("update articles set tag_list = '{}' where id = $1", [article.id]);

    const res = await app.request.get('/api/v1/tags');

    expect(res.body.tags).not.toContain(tag);
  });

  test('When the counters are compared with the articles, then they agree', async () => {
    const { rows } = await app.db.query(`
      select count(*)::int as wrong from tags t
       where t.articles_count <> (select count(*) from articles a where t.name = any (a.tag_list) and a.status = 'published')`);

    expect(rows[0].wrong).toBe(0);
  });
});
