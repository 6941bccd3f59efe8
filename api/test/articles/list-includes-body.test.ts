// LIST_INCLUDES_BODY=true: list items carry each article's body again, for clients built on the
// pre-2024 Conduit contract that read it there. Off by default (list-articles.test.ts).
import { describe, expect, test } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp({ env: { LIST_INCLUDES_BODY: 'true' } });

describe('article lists with LIST_INCLUDES_BODY=true', () => {
  test('When articles are listed, then each item carries its body', async () => {
    const author = await userFactory.create(app);
    const article = await articleFactory.create(app, { author, body: 'The whole *story*.' });

    const res = await app.request.get('/api/v1/articles').query({ author: author.username });

    expect(res.status).toBe(200);
    expect(res.body.articles).toEqual([expect.objectContaining({ slug: article.slug, body: 'The whole *story*.' })]);
  });

  test('When the feed is listed, then each item carries its body too', async () => {
    const author = await userFactory.create(app);
    const reader = await userFactory.create(app);
    await articleFactory.create(app, { author, body: 'For my followers.' });
    await app.request.post(`/api/v1/profiles/${author.username}/follow`).set(tokenHeader(reader.token)).expect(200);

    const res = await app.request.get('/api/v1/articles/feed').set(tokenHeader(reader.token));

    expect(res.status).toBe(200);
    expect(res.body.articles.map((a: { body?: string }) => a.body)).toEqual(['For my followers.']);
  });

  test('When the setting is not a boolean, then the configuration names it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/inkwell', LIST_INCLUDES_BODY: 'sometimes' })).toThrow(
      /LIST_INCLUDES_BODY must be true or false/,
    );
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/inkwell' }).listIncludesBody).toBe(false);
  });
});
