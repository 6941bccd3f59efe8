import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('PUT /api/v1/articles/{slug} (updateArticle)', () => {
  test('When only the body changes, then the slug stays and updatedAt moves', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author, createdAt: new Date('2026-01-01T10:00:00.000Z') });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { body: 'With two hands' } });

    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ slug: article.slug, body: 'With two hands', title: article.title });
    expect(res.body.article.createdAt).toBe('2026-01-01T10:00:00.000Z');
    expect(Date.parse(res.body.article.updatedAt)).toBeGreaterThan(Date.parse('2026-01-01T10:00:00.000Z'));
  });

  test('When the title changes, then the slug follows it and the old slug still answers with the new one', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });
    const title = `A whole new title ${author.username}`;

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { title } });

    expect(res.status).toBe(200);
    expect(res.body.article.slug).toBe(`a-whole-new-title-${author.username.toLowerCase()}`);
    const old = await app.request.get(`/api/v1/articles/${article.slug}`);
    expect(old.status).toBe(200);
    expect(old.body.article.slug).toBe(res.body.article.slug);
    expect((await app.request.get(`/api/v1/articles/${res.body.article.slug}`)).status).toBe(200);
  });

  test("When the new title's slug is taken, then the article gets it with a suffix", async () => {
    const author = await userFactory.create(app);
    const taken = await articleFactory.create(app, { author, title: `Taken ${author.username}` });
    const article = await articleFactory.create(app, { author });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { title: `Taken ${author.username}` } });

    expect(res.status).toBe(200);
    expect(res.body.article.slug).toMatch(new RegExp(`^${taken.slug}-[a-z0-9]{6}$`));
  });

  test('When the title changes only in case, then the slug is kept', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author, title: `Quiet ${author.username}` });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { title: `QUIET ${author.username}` } });

    expect(res.body.article.slug).toBe(article.slug);
  });

  test('When tags and cover change, then tags are replaced and a null cover removes it', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, {
      author,
      tagList: ['old'],
      coverImage: 'https://img.example.com/c.png',
    });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { tagList: ['new', 'fresh'], coverImage: null } });

    expect(res.body.article).toMatchObject({ tagList: ['fresh', 'new'], coverImage: null });
  });

  test('When someone else tries, then it answers 403 and nothing changes', async () => {
    const author = await userFactory.create(app);
    const intruder = await userFactory.create(app);
    const article = await articleFactory.create(app, { author, body: 'original' });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(intruder.token))
      .send({ article: { body: 'vandalised' } });

    expect(res.status).toBe(403);
    expect(res.body).toEqual({ errors: { article: ['can only be changed by its author'] } });
    expect((await app.request.get(`/api/v1/articles/${article.slug}`)).body.article.body).toBe('original');
  });

  test('When the article does not exist, then it answers 404', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .put('/api/v1/articles/no-such-article')
      .set(tokenHeader(author.token))
      .send({ article: { body: 'x' } });

    expect(res.status).toBe(404);
  });

  test('When nothing is sent to change, then it answers 422', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request
      .put(`/api/v1/articles/${article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: {} });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { article: ['must change at least one field'] } });
  });

  test('When there is no token, then it answers 401', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author });

    const res = await app.request.put(`/api/v1/articles/${article.slug}`).send({ article: { body: 'x' } });

    expect(res.status).toBe(401);
  });
});
