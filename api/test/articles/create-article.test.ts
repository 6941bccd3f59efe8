import { describe, expect, test } from '@jest/globals';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('POST /api/v1/articles (createArticle)', () => {
  test('When the article is valid, then it answers 201 with the article, tags sorted, and stores it', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({
        article: {
          title: 'How to train your dragon',
          description: 'Ever wonder how?',
          body: 'Very carefully.',
          tagList: ['training', 'dragons', 'Alpha'],
          coverImage: 'https://img.example.com/cover.webp',
        },
      });

    expect(res.status).toBe(201);
    expect(res.body.article).toEqual({
      slug: expect.stringMatching(/^how-to-train-your-dragon(-[a-z0-9]{6})?$/),
      title: 'How to train your dragon',
      description: 'Ever wonder how?',
      body: 'Very carefully.',
      tagList: ['Alpha', 'dragons', 'training'],
      coverImage: 'https://img.example.com/cover.webp',
      coverImageAlt: '',
      coverImageFocalPoint: { x: 0.5, y: 0.5 },
      images: [],
      status: 'published',
      publishedAt: res.body.article.createdAt,
      createdAt: expect.stringMatching(ISO_MS),
      updatedAt: expect.stringMatching(ISO_MS),
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username, bio: '', image: app.config.defaultAvatarUrl, following: false },
    });
    const fetched = await app.request.get(`/api/v1/articles/${res.body.article.slug}`);
    expect(fetched.body.article.body).toBe('Very carefully.');
  });

  test('When the title repeats, then the second article gets the slug with a short random suffix', async () => {
    const author = await userFactory.create(app);
    const title = `Repeated title ${author.username}`;
    const publish = () =>
      app.request
        .post('/api/v1/articles')
        .set(tokenHeader(author.token))
        .send({ article: { title, description: 'd', body: 'b' } });

    const first = await publish();
    const second = await publish();

    const base = `repeated-title-${author.username.toLowerCase()}`;
    expect(first.body.article.slug).toBe(base);
    expect(second.body.article.slug).toMatch(new RegExp(`^${base}-[a-z0-9]{6}$`));
  });

  test('When many articles with one title are published at once, then every slug is unique', async () => {
    const author = await userFactory.create(app);
    const title = `Concurrent ${author.username}`;

    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.request
          .post('/api/v1/articles')
          .set(tokenHeader(author.token))
          .send({ article: { title, description: 'd', body: 'b' } }),
      ),
    );

    expect(results.map((res) => res.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((res) => res.body.article.slug)).size).toBe(8);
  });

  test('When tags repeat after trimming, then each is kept once', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: 'Tags', description: 'd', body: 'b', tagList: ['zeta', ' zeta', 'alpha '] } });

    expect(res.body.article.tagList).toEqual(['alpha', 'zeta']);
  });

  test('When required fields are missing or blank, then it answers 422 naming each', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: '   ', body: '' } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      errors: { title: ["can't be blank"], description: ["can't be blank"], body: ["can't be blank"] },
    });
  });

  test('When there are too many or duplicate tags and the cover is not a URL, then it answers 422 for each', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({
        article: {
          title: 't',
          description: 'd',
          body: 'b',
          tagList: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'a'],
          coverImage: 'ftp://example.com/x.png',
        },
      });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      tagList: expect.arrayContaining(['is too long (maximum is 10 items)', 'must not contain duplicates']),
      coverImage: expect.arrayContaining(['is invalid']),
    });
  });

  test('When the body is empty with a JSON content type, then it answers 422', async () => {
    const author = await userFactory.create(app);

    const res = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .set('Content-Type', 'application/json');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { article: ["can't be blank"] } });
  });

  test('When there is no token, then it answers 401 and stores nothing', async () => {
    const res = await app.request
      .post('/api/v1/articles')
      .send({ article: { title: 'Anonymous', description: 'd', body: 'b' } });

    expect(res.status).toBe(401);
    const { rows } = await app.db.query("select count(*)::int as n from articles where title = 'Anonymous'");
    expect(rows[0].n).toBe(0);
  });
});
