// Control characters in any field a client sends are refused with 422 naming the field, never
// stored (PostgreSQL cannot store NUL: it used to end in a 500).
import { describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();
const REFUSED = ['must not contain control characters'];

const publish = async (article: Record<string, unknown>) => {
  const author = await userFactory.create(app);
  return app.request
    .post('/api/v1/articles')
    .set(tokenHeader(author.token))
    .send({ article: { title: 'A title', description: 'd', body: 'b', ...article } });
};

describe('control characters', () => {
  test.each([
    ['a NUL in a title', { title: 'Null\u0000byte' }, 'title'],
    ['a bell in a description', { description: 'ding\u0007' }, 'description'],
    ['a NUL in a body', { body: 'body\u0000' }, 'body'],
    ['an escape in a tag', { tagList: ['ok', 'bad\u001b[31m'] }, 'tagList'],
    ['a C1 control in a title', { title: 'next\u0085line' }, 'title'],
    ['DEL in a title', { title: 'rub\u007fout' }, 'title'],
  ])(
    'When an article has %s, then it answers 422 naming the field and stores nothing',
    async (_case, article, field) => {
      const res = await publish(article);

      expect(res.status).toBe(422);
      expect(res.body).toEqual({ errors: { [field]: REFUSED } });
    },
  );

  test('When text has tabs and line breaks, then they are kept, as the Conduit rules keep them', async () => {
    const res = await publish({ description: 'one\ttwo', body: '# Title\r\n\n\tcode\n', tagList: ['tab\tinside'] });

    expect(res.status).toBe(201);
    expect(res.body.article.body).toBe('# Title\r\n\n\tcode\n');
    expect(res.body.article.description).toBe('one\ttwo');
    const byTag = await app.request.get('/api/v1/articles').query({ tag: 'tab\tinside' });
    expect(byTag.body.articles.map((a: { slug: string }) => a.slug)).toContain(res.body.article.slug);
  });

  test('When several fields carry control characters, then each is named', async () => {
    const res = await publish({ title: 'a\u0000', body: 'b\u0000' });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { title: REFUSED, body: REFUSED } });
  });

  test('When a path parameter carries a NUL, then it answers 422 naming it', async () => {
    const slug = await app.request.get('/api/v1/articles/abc%00def');
    const username = await app.request.get('/api/v1/profiles/ada%00');

    expect(slug.status).toBe(422);
    expect(slug.body).toEqual({ errors: { slug: REFUSED } });
    expect(username.status).toBe(422);
  });

  test('When a query parameter carries a control character, then it answers 422 naming it', async () => {
    const tag = await app.request.get('/api/v1/articles?tag=a%00b');
    const q = await app.request.get('/api/v1/articles?q=dragons%0b');

    expect(tag.body).toEqual({ errors: { tag: REFUSED } });
    expect(q.body).toEqual({ errors: { q: REFUSED } });
  });

  test('When a comment, a bio or a sign-in carries a NUL, then each answers 422 naming the field', async () => {
    const user = await userFactory.create(app);
    const article = await articleFactory.create(app, { author: user });

    const comment = await app.request
      .post(`/api/v1/articles/${article.slug}/comments`)
      .set(tokenHeader(user.token))
      .send({ comment: { body: 'hi\u0000' } });
    const bio = await app.request
      .put('/api/v1/user')
      .set(tokenHeader(user.token))
      .send({ user: { bio: 'bio\u0000' } });
    const login = await app.request
      .post('/api/v1/users/login')
      .send({ user: { email: `${user.email}\u0000`, password: user.password } });

    expect([comment.status, bio.status, login.status]).toEqual([422, 422, 422]);
    expect(comment.body).toEqual({ errors: { body: REFUSED } });
    expect(bio.body).toEqual({ errors: { bio: REFUSED } });
  });

  test('When a JSON key carries a control character, then the object holding it is refused', async () => {
    const res = await publish({ 'x\u0000y': 1 });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { article: REFUSED } });
  });
});
