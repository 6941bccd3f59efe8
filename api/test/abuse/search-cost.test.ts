// Searches cannot be turned against the database: a search must name a word the index can look
// up, ranks and counts a bounded number of matches, runs under its own statement timeout, and
// only a share of the pool searches at once.
import { SEARCH_COUNT_MAX } from '@inkwell/rules';
import { describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { articleFactory } from '../factories/article-factory.js';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { startTestApp, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

// A made-up word (digits spelt as letters) keeps each test's matches its own.
const word = () =>
  uniqueName('zq')
    .toLowerCase()
    .replace(/\d/g, (digit) => String.fromCharCode(97 + Number(digit)));

const NO_WORD = { errors: { q: ['must contain a word to look for, not only excluded or very common words'] } };

describe('GET /api/v1/articles?q= (search cost)', () => {
  test.each([
    ['only excluded words', '-zzzz -yyyy'],
    ['an excluded phrase', '-"dragon training"'],
    ['a word or an excluded one', 'dragons or -zzzz'],
    ['only stop words', 'the and of'],
    ['punctuation', '!!! ???'],
  ])('When the search has %s, then it answers 422 naming q', async (_case, q) => {
    const res = await app.request.get('/api/v1/articles').query({ q });

    expect(res.status).toBe(422);
    expect(res.body).toEqual(NO_WORD);
  });

  test('When a word is excluded beside one to look for, then the search runs', async () => {
    const author = await userFactory.create(app);
    const [wanted, unwanted] = [word(), word()];
    const hit = await articleFactory.create(app, { author, title: `On ${wanted}` });
    await articleFactory.create(app, { author, title: `On ${wanted} and ${unwanted}` });

    const res = await app.request.get('/api/v1/articles').query({ q: `${wanted} -${unwanted}` });

    expect(res.status).toBe(200);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([hit.slug]);
  });

  test('When more articles match than the search counts, then articlesCount stops at the cap and pages end there', async () => {
    const author = await userFactory.create(app);
    const term = word();
    // Backdated, so lists of newest articles elsewhere in the run are not disturbed.
    await app.db.query(
      `insert into articles (slug, title, description, body, author_id, created_at, updated_at)
       select $1 || '-' || n, 'About ' || $1 || ' ' || n, 'd', 'b', $2, '2001-01-01', '2001-01-01'
         from generate_series(1, $3::int) as n`,
      [term, author.id, SEARCH_COUNT_MAX + 50],
    );

    const first = await app.request.get('/api/v1/articles').query({ q: term, limit: 100 });
    const last = await app.request
      .get('/api/v1/articles')
      .query({ q: term, limit: 100, offset: SEARCH_COUNT_MAX - 10 });
    const beyond = await app.request.get('/api/v1/articles').query({ q: term, offset: SEARCH_COUNT_MAX });
    const byAuthor = await app.request.get('/api/v1/articles').query({ author: author.username, limit: 1 });

    expect(first.status).toBe(200);
    expect(first.body.articlesCount).toBe(SEARCH_COUNT_MAX);
    expect(first.body.articles).toHaveLength(100);
    expect(last.body.articles).toHaveLength(10);
    expect(beyond.body).toEqual({ articles: [], articlesCount: SEARCH_COUNT_MAX });
    // Lists without a search still count every match.
    expect(byAuthor.body.articlesCount).toBe(SEARCH_COUNT_MAX + 50);
  });

  test('When a search runs past its statement timeout, then it answers 503 naming q, and the next search works', async () => {
    const quick = await startTestApp({ env: { SEARCH_TIMEOUT_MS: '100' } });
    const locker = new pg.Client({ connectionString: quick.config.database.url });
    await locker.connect();
    try {
      // A search with a tag reads `tags`: held locked, it waits until its timeout stops it.
      await locker.query('begin');
      await locker.query('lock table tags in access exclusive mode');
      const started = performance.now();
      const slow = quick.request.get('/api/v1/articles').query({ q: 'dragons', tag: 'dragons' });
      const res = await slow;
      const elapsed = performance.now() - started;
      await locker.query('rollback');

      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toEqual({ errors: { q: ['took too long to search; add words to narrow it, or retry later'] } });
      expect(elapsed).toBeLessThan(5000);
      expect((await quick.request.get('/api/v1/articles').query({ q: 'dragons', tag: 'dragons' })).status).toBe(200);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
      await quick.close();
    }
  });

  test('When more searches arrive at once than may wait, then the excess answers 503 at once and other lists still answer', async () => {
    // A pool of 4 lets one search run at a time; 16 more may wait.
    const small = await startTestApp({ env: { DATABASE_POOL_MAX: '4', SEARCH_TIMEOUT_MS: '300' } });
    const locker = new pg.Client({ connectionString: small.config.database.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table tags in access exclusive mode');
      const searches = Array.from({ length: 20 }, () =>
        small.request
          .get('/api/v1/articles')
          .query({ q: 'dragons', tag: 'dragons' })
          .then((res) => res),
      );
      // A plain list reads no `tags` and does not queue behind searches.
      const list = await small.request.get('/api/v1/articles').query({ limit: 1 });
      setTimeout(() => void locker.query('rollback'), 200);
      const answers = await Promise.all(searches);

      expect(list.status).toBe(200);
      const busy = answers.filter((res) => res.body.errors?.q?.[0] === 'cannot be searched right now, retry later');
      expect(busy.length).toBeGreaterThanOrEqual(3);
      for (const res of busy) expect(res.status).toBe(503);
      expect(answers.every((res) => [200, 503].includes(res.status))).toBe(true);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
      await small.close();
    }
  });
});
