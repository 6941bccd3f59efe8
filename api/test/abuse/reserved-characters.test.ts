// Query values may carry the reserved characters browsers and encodeURIComponent leave as they
// are (' ( ) ! *): sent raw or percent-encoded, they get the same answer.
import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { uniqueName, userFactory } from '../factories/user-factory.js';
import { useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

describe('reserved characters in query values', () => {
  test("When a tag holds ' ( ) ! *, then filtering by it raw or encoded finds the same articles", async () => {
    const author = await userFactory.create(app);
    const tag = `rock'n'roll(${uniqueName('t').slice(-8)})!*`.toLowerCase();
    const article = await articleFactory.create(app, { author, tagList: [tag] });

    const raw = await app.request.get(`/api/v1/articles?tag=${tag}`);
    const encoded = await app.request.get(
      `/api/v1/articles?tag=${encodeURIComponent(tag).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );

    expect(raw.status).toBe(200);
    expect(raw.body.articles.map((a: { slug: string }) => a.slug)).toEqual([article.slug]);
    expect(encoded.body).toEqual(raw.body);
  });

  test("When x') is sent raw or encoded, then both answer 200 alike", async () => {
    const raw = await app.request.get("/api/v1/articles?tag=x')");
    const encoded = await app.request.get('/api/v1/articles?tag=x%27%29');

    expect(raw.status).toBe(200);
    expect(encoded.status).toBe(200);
    expect(raw.body).toEqual(encoded.body);
  });

  test('When author, favorited and q carry reserved characters raw, then they are accepted', async () => {
    const author = await app.request.get("/api/v1/articles?author=o'brien");
    const favorited = await app.request.get('/api/v1/articles?favorited=(x)');
    const q = await app.request.get("/api/v1/articles?q=rock'n'roll!");

    expect([author.status, favorited.status, q.status]).toEqual([200, 200, 200]);
  });
});
