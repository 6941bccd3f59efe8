import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { commentFactory } from '../factories/comment-factory.js';
import { type TestUser, uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';
import { waitUntil } from '../helpers/wait.js';

const app = useTestApp();

type Listed = { slug: string };
const slugs = (res: { body: { articles: Listed[] } }) => res.body.articles.map((a) => a.slug);

/** Every place a reader could meet the article, each as the list of slugs it shows. */
async function whatReadersSee(reader: TestUser, author: TestUser, tag: string, word: string) {
  const get = (query: Record<string, string>, token?: string) => {
    const req = app.request.get('/api/v1/articles').query({ ...query, limit: 100 });
    return token ? req.set(tokenHeader(token)) : req;
  };
  const [all, byAuthor, byTag, search, feed, favorited, tags] = await Promise.all([
    get({}),
    get({ author: author.username }, reader.token),
    get({ tag }),
    get({ q: word }),
    app.request.get('/api/v1/articles/feed').query({ limit: 100 }).set(tokenHeader(reader.token)),
    get({ favorited: author.username }),
    app.request.get('/api/v1/tags'),
  ]);
  return {
    all: slugs(all),
    byAuthor: slugs(byAuthor),
    byAuthorCount: byAuthor.body.articlesCount as number,
    byTag: slugs(byTag),
    byTagCount: byTag.body.articlesCount as number,
    search: slugs(search),
    feed: slugs(feed),
    feedCount: feed.body.articlesCount as number,
    favorited: slugs(favorited),
    tags: tags.body.tags as string[],
  };
}

/** An author whose one published article they also favorite, and a reader who follows them. */
async function authorAndFollower() {
  const author = await userFactory.create(app);
  const reader = await userFactory.create(app);
  await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token));
  return { author, reader };
}

describe('Drafts (status: draft)', () => {
  test('When an article is created as a draft, then no reader meets it anywhere and its author gets it', async () => {
    const { author, reader } = await authorAndFollower();
    const tag = uniqueName('drafttag');
    const word = uniqueName('draftword');
    const published = await articleFactory.create(app, { author, tagList: [tag], body: `About ${word}.` });

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: `Draft ${word}`, description: 'd', body: word, tagList: [tag], status: 'draft' } });
    await app.request.post(`/api/v1/articles/${res.body.article.slug}/favorite`).set(tokenHeader(author.token));
    await app.request.post(`/api/v1/articles/${published.slug}/favorite`).set(tokenHeader(author.token));

    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({ status: 'draft', publishedAt: null });
    const draft = res.body.article.slug as string;
    const seen = await whatReadersSee(reader, author, tag, word);
    expect(seen.all).not.toContain(draft);
    expect(seen.byAuthor).toEqual([published.slug]);
    expect(seen.byAuthorCount).toBe(1);
    expect(seen.byTag).toEqual([published.slug]);
    expect(seen.byTagCount).toBe(1);
    expect(seen.search).toEqual([published.slug]);
    expect(seen.feed).toEqual([published.slug]);
    expect(seen.feedCount).toBe(1);
    expect(seen.favorited).toEqual([published.slug]);
    for (const token of [undefined, reader.token]) {
      const get = app.request.get(`/api/v1/articles/${draft}`);
      expect((await (token ? get.set(tokenHeader(token)) : get)).status).toBe(404);
    }
    const own = await app.request.get(`/api/v1/articles/${draft}`).set(tokenHeader(author.token));
    expect(own.status).toBe(200);
    expect(own.body.article).toMatchObject({ slug: draft, status: 'draft', favorited: true });
  });

  test('When someone else touches a draft (comments, favorite, edit, delete), then it answers 404 and nothing changes', async () => {
    const { author, reader } = await authorAndFollower();
    const draft = await articleFactory.create(app, { author, status: 'draft' });
    await commentFactory.post(app, draft.slug, author.token, 'note to self');
    const as = tokenHeader(reader.token);

    const answers = await Promise.all([
      app.request.get(`/api/v1/articles/${draft.slug}/comments`),
      app.request.get(`/api/v1/articles/${draft.slug}/comments`).set(as),
      commentFactory.post(app, draft.slug, reader.token, 'first!'),
      app.request.post(`/api/v1/articles/${draft.slug}/favorite`).set(as),
      app.request.delete(`/api/v1/articles/${draft.slug}/favorite`).set(as),
      app.request
        .put(`/api/v1/articles/${draft.slug}`)
        .set(as)
        .send({ article: { body: 'mine now' } }),
      app.request.delete(`/api/v1/articles/${draft.slug}`).set(as),
    ]);

    expect(answers.map((res) => res.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(answers[0]!.body).toEqual({ errors: { article: ['not found'] } });
    const { rows } = await app.db.query(
      'select body, favorites_count as "favoritesCount", (select count(*)::int from comments where article_id = $1) as comments from articles where id = $1',
      [draft.id],
    );
    expect(rows[0]).toEqual({ body: draft.body, favoritesCount: 0, comments: 1 });
    const ownComments = await app.request.get(`/api/v1/articles/${draft.slug}/comments`).set(tokenHeader(author.token));
    expect(ownComments.body.comments).toHaveLength(1);
  });

  test('When the author lists their drafts, then they get them, last edited first; anyone else is refused', async () => {
    const author = await userFactory.create(app);
    const other = await userFactory.create(app);
    const older = await articleFactory.create(app, { author, status: 'draft' });
    const newer = await articleFactory.create(app, { author, status: 'draft' });
    await articleFactory.create(app, { author });
    await app.request
      .put(`/api/v1/articles/${older.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { body: 'edited' } });

    const own = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'draft' })
      .set(tokenHeader(author.token));
    const someoneElse = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'draft' })
      .set(tokenHeader(other.token));
    const anonymous = await app.request.get('/api/v1/articles').query({ author: author.username, status: 'draft' });
    const nobodyNamed = await app.request
      .get('/api/v1/articles')
      .query({ status: 'draft' })
      .set(tokenHeader(author.token));

    expect(own.status).toBe(200);
    expect(slugs(own)).toEqual([older.slug, newer.slug]);
    expect(own.body.articlesCount).toBe(2);
    expect(own.body.articles[0]).toMatchObject({ status: 'draft', publishedAt: null });
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.body).toEqual({
      errors: { status: ['drafts and scheduled articles are listed for their author only'] },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors).toBeDefined();
    expect(nobodyNamed.status).toBe(422);
    expect(nobodyNamed.body.errors).toHaveProperty('author');
  });

  test('When the author narrows their drafts by tag, then only those come; with q or favorited, it answers 422', async () => {
    const author = await userFactory.create(app);
    const tag = uniqueName('drafttag');
    const tagged = await articleFactory.create(app, { author, status: 'draft', tagList: [tag] });
    await articleFactory.create(app, { author, status: 'draft' });
    const as = tokenHeader(author.token);

    const byTag = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'draft', tag })
      .set(as);
    const searched = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'draft', q: 'word' })
      .set(as);

    expect(slugs(byTag)).toEqual([tagged.slug]);
    expect(byTag.body.articlesCount).toBe(1);
    expect(searched.status).toBe(422);
    expect(searched.body).toEqual({ errors: { status: ['cannot be combined with favorited or q'] } });
  });

  test('When a draft is published, then it gets publishedAt now, readers see it first and the counters follow', async () => {
    const { author, reader } = await authorAndFollower();
    const tag = uniqueName('pubtag');
    const draft = await articleFactory.create(app, { author, status: 'draft', tagList: [tag] });
    const before = Date.now();

    const res = await app.request
      .put(`/api/v1/articles/${draft.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { status: 'published' } });

    expect(res.status).toBe(200);
    expect(res.body.article.status).toBe('published');
    expect(Date.parse(res.body.article.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    const seen = await whatReadersSee(reader, author, tag, uniqueName('none'));
    expect(seen.byAuthor).toEqual([draft.slug]);
    expect(seen.byTag).toEqual([draft.slug]);
    expect(seen.byTagCount).toBe(1);
    expect(seen.feedCount).toBe(1);
  });

  test('When a published article goes back to draft, then readers lose it and it keeps its publishedAt', async () => {
    const author = await userFactory.create(app);
    const tag = uniqueName('backtag');
    const article = await articleFactory.create(app, { author, tagList: [tag] });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { status: 'draft' } });

    expect(res.body.article).toMatchObject({ status: 'draft', publishedAt: article.publishedAt });
    const byTag = await app.request.get('/api/v1/articles').query({ tag });
    expect(byTag.body).toEqual({ articles: [], articlesCount: 0 });
    const byAuthor = await app.request.get('/api/v1/articles').query({ author: author.username });
    expect(byAuthor.body.articlesCount).toBe(0);
  });

  test('When an article is created without status, then it is published at its creation time', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: 'Plain Conduit', description: 'd', body: 'b' } });

    expect(res.body.article.status).toBe('published');
    expect(res.body.article.publishedAt).toBe(res.body.article.createdAt);
  });

  test('When the counters are compared with the rows, then they count published articles only', async () => {
    const author = await userFactory.create(app);
    await articleFactory.create(app, { author, status: 'draft', tagList: [uniqueName('c')] });
    await articleFactory.create(app, { author, publishedAt: new Date(Date.now() + 3_600_000) });

    const { rows } = await app.db.query(`
      select (select articles_count from article_totals)
               = (select count(*) from articles where status = 'published') as total,
             (select count(*) from users u
               where articles_count <> (select count(*) from articles a where a.author_id = u.id and a.status = 'published')) as users,
             (select count(*) from tags t
               where articles_count <> (select count(*) from article_tags at where at.tag_id = t.id)) as tags,
             (select count(*) from article_tags at join articles a on a.id = at.article_id
               where a.status <> 'published' or at.article_published_at <> a.published_at) as stray`);

    expect(rows[0]).toEqual({ total: true, users: 0, tags: 0, stray: 0 });
  });
});

describe('Scheduled articles (publishedAt in the future)', () => {
  test('When the time comes, then readers see the article everywhere, with no write in between', async () => {
    const { author, reader } = await authorAndFollower();
    const tag = uniqueName('soontag');
    const word = uniqueName('soonword');
    const at = new Date(Date.now() + 2_000);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({
        article: { title: `Soon ${word}`, description: 'd', body: word, tagList: [tag], publishedAt: at.toISOString() },
      });
    const slug = res.body.article.slug as string;

    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({ status: 'published', publishedAt: at.toISOString() });
    const early = await whatReadersSee(reader, author, tag, word);
    expect([early.all, early.byAuthor, early.byTag, early.search, early.feed].flat()).not.toContain(slug);
    expect([early.byAuthorCount, early.byTagCount, early.feedCount]).toEqual([0, 0, 0]);
    expect(early.tags).not.toContain(tag);
    expect((await app.request.get(`/api/v1/articles/${slug}`)).status).toBe(404);
    const scheduled = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'scheduled' })
      .set(tokenHeader(author.token));
    expect(slugs(scheduled)).toEqual([slug]);
    const { rows: writes } = await app.db.query('select xmin::text as version from articles where slug = $1', [slug]);

    await waitUntil(async () => (await app.request.get(`/api/v1/articles/${slug}`)).status === 200, 5_000);

    const late = await whatReadersSee(reader, author, tag, word);
    expect(late.byAuthor).toEqual([slug]);
    expect(late.byTag).toEqual([slug]);
    expect(late.search).toEqual([slug]);
    expect(late.feed).toEqual([slug]);
    expect([late.byAuthorCount, late.byTagCount, late.feedCount]).toEqual([1, 1, 1]);
    const stillScheduled = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'scheduled' })
      .set(tokenHeader(author.token));
    expect(stillScheduled.body).toEqual({ articles: [], articlesCount: 0 });
    const { rows: after } = await app.db.query('select xmin::text as version from articles where slug = $1', [slug]);
    expect(after).toEqual(writes);
  });

  test('When tags are counted, then scheduled uses count only once their time has come', async () => {
    const author = await userFactory.create(app);
    const steady = uniqueName('steady');
    const rising = uniqueName('rising');
    // More uses than any other test's tag, so both rank among the top 100.
    for (let i = 0; i < 40; i += 1) await articleFactory.create(app, { author, tagList: [steady] });
    for (let i = 0; i < 30; i += 1) await articleFactory.create(app, { author, tagList: [rising] });
    const soon = [];
    for (let i = 0; i < 20; i += 1) {
      soon.push(
        await articleFactory.create(app, { author, tagList: [rising], publishedAt: new Date(Date.now() + 3_600_000) }),
      );
    }
    const onlyLater = uniqueName('later');
    await articleFactory.create(app, { author, tagList: [onlyLater], publishedAt: new Date(Date.now() + 3_600_000) });

    const early = (await app.request.get('/api/v1/tags')).body.tags as string[];
    // Their time comes (set through the database rather than waited for).
    await app.db.query(`update articles set published_at = now() - interval '1 second' where id = any ($1::bigint[])`, [
      soon.map((a) => a.id),
    ]);
    const late = (await app.request.get('/api/v1/tags')).body.tags as string[];

    expect(early.indexOf(steady)).toBeLessThan(early.indexOf(rising));
    expect(early.indexOf(rising)).toBeGreaterThanOrEqual(0);
    expect(early).not.toContain(onlyLater);
    expect(late.indexOf(rising)).toBeGreaterThanOrEqual(0);
    expect(late.indexOf(rising)).toBeLessThan(late.indexOf(steady));
  });

  test('When the scheduled list is asked for, then it is the author’s, soonest first', async () => {
    const author = await userFactory.create(app);
    const later = await articleFactory.create(app, { author, publishedAt: new Date(Date.now() + 7_200_000) });
    const sooner = await articleFactory.create(app, { author, publishedAt: new Date(Date.now() + 3_600_000) });
    await articleFactory.create(app, { author, status: 'draft' });

    const res = await app.request
      .get('/api/v1/articles')
      .query({ author: author.username, status: 'scheduled' })
      .set(tokenHeader(author.token));

    expect(slugs(res)).toEqual([sooner.slug, later.slug]);
    expect(res.body.articlesCount).toBe(2);
  });
});
