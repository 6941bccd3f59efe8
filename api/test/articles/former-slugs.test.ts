import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { commentFactory } from '../factories/comment-factory.js';
import { type TestUser, userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

async function rename(author: TestUser, slug: string, title: string): Promise<string> {
  const res = await app.request
    .put(`/api/v1/articles/${slug}`)
    .set(tokenHeader(author.token))
    .send({ article: { title } });
  expect(res.status).toBe(200);
  return res.body.article.slug;
}

/** An article renamed twice: its three slugs, oldest first. */
async function renamedTwice(author: TestUser): Promise<[string, string, string]> {
  const name = author.username.toLowerCase();
  const article = await articleFactory.create(app, { author, title: `First ${name}` });
  const second = await rename(author, article.slug, `Second ${name}`);
  const third = await rename(author, second, `Third ${name}`);
  return [article.slug, second, third];
}

describe('Former slugs (permanent links)', () => {
  test('When an article was renamed twice, then both former slugs answer with the article and its current slug', async () => {
    const author = await userFactory.create(app);
    const [first, second, third] = await renamedTwice(author);

    const answers = await Promise.all(
      [first, second, third].map((slug) => app.request.get(`/api/v1/articles/${slug}`)),
    );

    expect(third).toBe(`third-${author.username.toLowerCase()}`);
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    expect(answers.map((res) => res.body.article.slug)).toEqual([third, third, third]);
  });

  test('When comments, favorites, edits and deletion use a former slug, then they reach the article', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const [first, second, third] = await renamedTwice(author);

    const comment = await commentFactory.post(app, first, reader.token, 'Still here?');
    const listed = await app.request.get(`/api/v1/articles/${second}/comments`);
    const favorited = await app.request.post(`/api/v1/articles/${first}/favorite`).set(tokenHeader(reader.token));
    const edited = await app.request
      .put(`/api/v1/articles/${second}`)
      .set(tokenHeader(author.token))
      .send({ article: { body: 'Edited through an old address.' } });
    const moderated = await app.request
      .delete(`/api/v1/articles/${first}/comments/${comment.body.comment.id}`)
      .set(tokenHeader(author.token));

    expect(comment.status).toBe(200);
    expect(listed.body.comments.map((c: { id: number }) => c.id)).toEqual([comment.body.comment.id]);
    expect(favorited.body.article).toMatchObject({ slug: third, favorited: true, favoritesCount: 1 });
    expect(edited.body.article).toMatchObject({ slug: third, body: 'Edited through an old address.' });
    expect(moderated.status).toBe(204);

    const deleted = await app.request.delete(`/api/v1/articles/${first}`).set(tokenHeader(author.token));
    expect(deleted.status).toBe(204);
    const gone = await Promise.all([first, second, third].map((slug) => app.request.get(`/api/v1/articles/${slug}`)));
    expect(gone.map((res) => res.status)).toEqual([404, 404, 404]);
  });

  test('When a new article’s title gives a slug another article answered to, then it gets a suffix', async () => {
    const author = await userFactory.create(app);
    const other = await userFactory.create(app);
    const [first, , third] = await renamedTwice(author);
    const name = author.username.toLowerCase();

    const created = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(other.token))
      .send({ article: { title: `First ${name}`, description: 'd', body: 'b' } });
    const renamed = await articleFactory.create(app, { author: other });
    const renamedTo = await rename(other, renamed.slug, `First ${name}`);

    expect(created.status).toBe(201);
    expect(created.body.article.slug).toMatch(new RegExp(`^${first}-[a-z0-9]{6}$`));
    expect(renamedTo).toMatch(new RegExp(`^${first}-[a-z0-9]{6}$`));
    expect((await app.request.get(`/api/v1/articles/${first}`)).body.article.slug).toBe(third);
  });

  test('When an article takes back a title it had, then it gets its former slug back', async () => {
    const author = await userFactory.create(app);
    const [first] = await renamedTwice(author);

    const back = await rename(author, first, `First ${author.username.toLowerCase()}`);

    expect(back).toBe(first);
    const { rows } = await app.db.query(
      'select count(*)::int as n from article_slugs where article_id = (select id from articles where slug = $1)',
      [first],
    );
    expect(rows[0].n).toBe(3);
  });

  test('When an article is deleted, then its former slugs are free for new articles', async () => {
    const author = await userFactory.create(app);
    const [first, second] = await renamedTwice(author);
    await app.request.delete(`/api/v1/articles/${second}`).set(tokenHeader(author.token));

    const created = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: `First ${author.username.toLowerCase()}`, description: 'd', body: 'b' } });

    expect(created.body.article.slug).toBe(first);
  });

  test('When a draft was renamed, then its former slug is 404 to others as well', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    const draft = await articleFactory.create(app, { author, status: 'draft' });
    const current = await rename(author, draft.slug, `Renamed draft ${author.username.toLowerCase()}`);

    const asReader = await app.request.get(`/api/v1/articles/${draft.slug}`).set(tokenHeader(reader.token));
    const asAuthor = await app.request.get(`/api/v1/articles/${draft.slug}`).set(tokenHeader(author.token));

    expect(asReader.status).toBe(404);
    expect(asAuthor.body.article.slug).toBe(current);
  });
});

describe('Cover alt text and focal point', () => {
  test('When an article is created with them, then they are stored and returned; an update replaces them', async () => {
    const author = await userFactory.create(app);

    const created = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({
        article: {
          title: 'Harbour',
          description: 'd',
          body: 'b',
          coverImage: 'https://img.example.com/harbour.webp',
          coverImageAlt: 'Fishing boats at dawn',
          coverImageFocalPoint: { x: 0.25, y: 0.8 },
        },
      });
    const updated = await app.request
      .put(`/api/v1/articles/${created.body.article.slug}`)
      .set(tokenHeader(author.token))
      .send({ article: { coverImageFocalPoint: { y: 0.1 } } });
    const listed = await app.request.get('/api/v1/articles').query({ author: author.username });

    expect(created.status).toBe(201);
    expect(created.body.article).toMatchObject({
      coverImageAlt: 'Fishing boats at dawn',
      coverImageFocalPoint: { x: 0.25, y: 0.8 },
    });
    expect(updated.body.article).toMatchObject({
      coverImageAlt: 'Fishing boats at dawn',
      coverImageFocalPoint: { x: 0.5, y: 0.1 },
    });
    expect(listed.body.articles[0]).toMatchObject({ coverImageFocalPoint: { x: 0.5, y: 0.1 } });
  });

  test('When the focal point is outside 0..1 or the alt text too long, then it answers 422 naming the field', async () => {
    const author = await userFactory.create(app);
    const send = (article: Record<string, unknown>) =>
      app.request
        .post('/api/v1/articles')
        .set(tokenHeader(author.token))
        .send({ article: { title: 't', description: 'd', body: 'b', ...article } });

    const outside = await send({ coverImageFocalPoint: { x: 1.5, y: 0.5 } });
    const long = await send({ coverImageAlt: 'a'.repeat(301) });

    expect(outside.status).toBe(422);
    expect(Object.keys(outside.body.errors)).toEqual(['x']);
    expect(long.status).toBe(422);
    expect(Object.keys(long.body.errors)).toEqual(['coverImageAlt']);
  });
});
