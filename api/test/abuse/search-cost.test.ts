// Searches cannot be turned against the database: a search must name a word the index can look
// up, ranks and counts a bounded number of matches (the newest), runs under its own statement
// timeout, and only a share of the pool searches at once.
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

  test('When more articles match than a search ranks, then it ranks the newest of them: a title match among them comes first, an older one is left out', async () => {
    const narrow = await startTestApp({ env: { SEARCH_CANDIDATES: '100' } });
    try {
      const author = await userFactory.create(narrow);
      const [term, tag] = [word(), word()];
      // 150 articles naming the word in their body, a minute apart from 2001-01-01 00:01.
      await narrow.db.query(
        `insert into articles (slug, title, description, body, tag_list, author_id, created_at, updated_at)
         select $1 || '-' || n, 'Note ' || n, 'd', 'On ' || $1 || '.', array[$2], $3, t.created, t.created
           from generate_series(1, 150) as n
           cross join lateral (select timestamptz '2001-01-01' + n * interval '1 minute' as created) as t`,
        [term, tag, author.id],
      );
      const older = await articleFactory.create(narrow, {
        author,
        title: `${term} explained`,
        tagList: [tag],
        createdAt: new Date('2000-06-01T00:00:00.000Z'),
      });
      // Between the 120th and the 121st: among the newest 100, though not the newest.
      const recent = await articleFactory.create(narrow, {
        author,
        title: `${term} revisited`,
        tagList: [tag],
        createdAt: new Date('2001-01-01T02:00:30.000Z'),
      });

      const res = await narrow.request.get('/api/v1/articles').query({ q: term, tag, limit: 100 });

      expect(res.status).toBe(200);
      expect(res.body.articlesCount).toBe(100);
      const slugs = res.body.articles.map((a: { slug: string }) => a.slug);
      expect(slugs[0]).toBe(recent.slug);
      expect(slugs).not.toContain(older.slug);
      // The rest match equally: newest first, down to the 100th newest match.
      expect(slugs.slice(1)).toEqual(Array.from({ length: 99 }, (_, i) => `${term}-${150 - i}`));
    } finally {
      await narrow.close();
    }
  });

  test('When a word is in none of the newest articles, then its older matches are still found and ranked', async () => {
    const narrow = await startTestApp({ env: { SEARCH_CANDIDATES: '100' } });
    try {
      const author = await userFactory.create(narrow);
      const [term, tag] = [word(), word()];
      const inBody = await articleFactory.create(narrow, {
        author,
        title: 'Plain',
        body: `It mentions ${term} once.`,
        tagList: [tag],
        createdAt: new Date('2000-01-02T00:00:00.000Z'),
      });
      const inTitle = await articleFactory.create(narrow, {
        author,
        title: `All about ${term}`,
        tagList: [tag],
        createdAt: new Date('2000-01-01T00:00:00.000Z'),
      });
      // 300 newer articles of the tag without the word: more than the 200 a search reads newest first.
      await narrow.db.query(
        `insert into articles (slug, title, description, body, tag_list, author_id, created_at, updated_at)
         select $1 || '-' || n, 'Other ' || n, 'd', 'b', array[$1], $2, t.created, t.created
           from generate_series(1, 300) as n
           cross join lateral (select timestamptz '2001-01-01' + n * interval '1 minute' as created) as t`,
        [tag, author.id],
      );

      const res = await narrow.request.get('/api/v1/articles').query({ q: term, tag });

      expect(res.status).toBe(200);
      expect(res.body.articlesCount).toBe(2);
      expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([inTitle.slug, inBody.slug]);
    } finally {
      await narrow.close();
    }
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
