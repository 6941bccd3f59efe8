import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

// A made-up word (digits spelt as letters) keeps each test's matches its own, whatever else the
// database holds.
const word = () =>
  uniqueName('zq')
    .toLowerCase()
    .replace(/\d/g, (digit) => String.fromCharCode(97 + Number(digit)));

describe('GET /api/v1/articles?q= (search)', () => {
  test('When the word is in a title, a description and a body, then the title match ranks first, the body match last', async () => {
    const author = await userFactory.create(app);
    const term = word();
    const inBody = await articleFactory.create(app, {
      author,
      title: 'Plain',
      body: `It mentions ${term} once.`,
      createdAt: new Date('2026-03-03T00:00:00.000Z'),
    });
    const inTitle = await articleFactory.create(app, {
      author,
      title: `All about ${term}`,
      createdAt: new Date('2026-03-01T00:00:00.000Z'),
    });
    const inDescription = await articleFactory.create(app, {
      author,
      title: 'Other',
      description: `On ${term}`,
      createdAt: new Date('2026-03-02T00:00:00.000Z'),
    });

    const res = await app.request.get('/api/v1/articles').query({ q: term });

    expect(res.status).toBe(200);
    expect(res.body.articlesCount).toBe(3);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([
      inTitle.slug,
      inDescription.slug,
      inBody.slug,
    ]);
  });

  test('When articles match equally, then the newest comes first', async () => {
    const author = await userFactory.create(app);
    const term = word();
    const older = await articleFactory.create(app, {
      author,
      title: `${term} notes`,
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
    });
    const newer = await articleFactory.create(app, {
      author,
      title: `${term} notes`,
      createdAt: new Date('2026-02-01T00:00:00.000Z'),
    });

    const res = await app.request.get('/api/v1/articles').query({ q: term });

    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([newer.slug, older.slug]);
  });

  test('When searching a plural, then English stemming finds the singular; tags are searched too', async () => {
    const author = await userFactory.create(app);
    const tag = word();
    const article = await articleFactory.create(app, { author, title: `A dragon ${tag}`, tagList: [`${tag}x`] });

    const stemmed = await app.request.get('/api/v1/articles').query({ q: `dragons ${tag}` });
    const byTag = await app.request.get('/api/v1/articles').query({ q: `${tag}x` });

    expect(stemmed.body.articles.map((a: { slug: string }) => a.slug)).toContain(article.slug);
    expect(byTag.body.articles.map((a: { slug: string }) => a.slug)).toEqual([article.slug]);
  });

  test('When words are excluded or quoted, then they work as in web search', async () => {
    const author = await userFactory.create(app);
    const term = word();
    const keep = await articleFactory.create(app, { author, title: `${term} red apples` });
    await articleFactory.create(app, { author, title: `${term} green apples` });

    const excluded = await app.request.get('/api/v1/articles').query({ q: `${term} -green` });
    const phrase = await app.request.get('/api/v1/articles').query({ q: `"${term} red"` });

    expect(excluded.body.articles.map((a: { slug: string }) => a.slug)).toEqual([keep.slug]);
    expect(phrase.body.articles.map((a: { slug: string }) => a.slug)).toEqual([keep.slug]);
  });

  test('When combined with author, tag and favorited, then every filter applies', async () => {
    const author = await userFactory.create(app);
    const fan = await userFactory.create(app);
    const term = word();
    const match = await articleFactory.create(app, { author, title: `${term} one`, tagList: ['kept'] });
    await articleFactory.create(app, { author, title: `${term} two`, tagList: ['other'] });
    await app.request.post(`/api/v1/articles/${match.slug}/favorite`).set(tokenHeader(fan.token));

    const res = await app.request
      .get('/api/v1/articles')
      .query({ q: term, tag: 'kept', author: author.username, favorited: fan.username });

    expect(res.body.articlesCount).toBe(1);
    expect(res.body.articles[0].slug).toBe(match.slug);
  });

  test('When nothing matches, then it answers an empty list', async () => {
    const res = await app.request.get('/api/v1/articles').query({ q: word() });

    expect(res.body).toEqual({ articles: [], articlesCount: 0 });
  });

  test('When q is longer than 200 characters, then it answers 422', async () => {
    const res = await app.request.get('/api/v1/articles').query({ q: 'x'.repeat(201) });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { q: ['is too long (maximum is 200 characters)'] } });
  });
});
