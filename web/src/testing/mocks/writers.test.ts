// The mock handlers follow the API for writers: drafts and scheduled articles seen by their author
// alone, the author's own lists, former slugs, moderation of comments, the cover's alt text and
// focal point. (Shapes are checked in contract.test.ts.)
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import type { components } from '@inkwell/openapi';

import { seedArticle, seedComment } from '../factories';
import { callApi, pngBytes, setUpMockServer, uploadForm } from './test-client';

type Schemas = components['schemas'];
type ArticleList = Schemas['MultipleArticlesResponse'];
type Article = Schemas['Article'];

const ADA = 'mock-token-ada';
const GRACE = 'mock-token-grace';

const slugs = (answer: { body: unknown }) => (answer.body as ArticleList).articles.map((a) => a.slug);

/** Every list a reader could meet an article in, as slugs, plus the tag list. */
async function whatReadersSee(tag: string) {
  const [all, byAuthor, byTag, feed, tags] = await Promise.all([
    callApi('GET', '/articles?limit=100'),
    callApi('GET', '/articles?author=ada&limit=100'),
    callApi('GET', `/articles?tag=${tag}`),
    callApi('GET', '/articles/feed?limit=100', { token: GRACE }),
    callApi('GET', '/tags'),
  ]);
  return {
    lists: [all, byAuthor, byTag, feed].flatMap(slugs),
    tagCount: (byTag.body as ArticleList).articlesCount,
    tags: (tags.body as Schemas['TagsResponse']).tags,
  };
}

setUpMockServer();
afterEach(() => {
  jest.restoreAllMocks();
});

describe('drafts and scheduling', () => {
  test('When ada saves a draft, then readers meet it nowhere and get 404 for it, its comments and favorites', async () => {
    await callApi('POST', '/profiles/ada/follow', { token: GRACE });
    const created = await callApi('POST', '/articles', {
      token: ADA,
      json: {
        article: { title: 'Half written', description: 'd', body: 'b', tagList: ['unfinished'], status: 'draft' },
      },
    });
    const { article } = created.body as Schemas['ArticleResponse'];

    const seen = await whatReadersSee('unfinished');
    const asReader = await Promise.all([
      callApi('GET', `/articles/${article.slug}`),
      callApi('GET', `/articles/${article.slug}/comments`),
      callApi('POST', `/articles/${article.slug}/favorite`, { token: GRACE }),
      callApi('POST', `/articles/${article.slug}/comments`, { token: GRACE, json: { comment: { body: 'hi' } } }),
      callApi('PUT', `/articles/${article.slug}`, { token: GRACE, json: { article: { body: 'mine' } } }),
    ]);
    const asAuthor = await callApi('GET', `/articles/${article.slug}`, { token: ADA });

    expect(created.status).toBe(201);
    expect(article).toMatchObject({ status: 'draft', publishedAt: null });
    expect(seen.lists).not.toContain(article.slug);
    expect(seen.tagCount).toBe(0);
    expect(seen.tags).not.toContain('unfinished');
    expect(asReader.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    expect(asAuthor.status).toBe(200);
  });

  test('When the time of a scheduled article comes, then readers see it with no write in between', async () => {
    const at = new Date(Date.now() + 60_000).toISOString();
    const article = seedArticle({ author: 'ada', tagList: ['soon'], publishedAt: at });

    const early = await whatReadersSee('soon');
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse(at) + 1);
    const late = await whatReadersSee('soon');

    expect(article).toMatchObject({ status: 'published', publishedAt: at });
    expect(early.lists).not.toContain(article.slug);
    expect(early.tags).not.toContain('soon');
    expect(late.lists.filter((slug) => slug === article.slug)).toHaveLength(4);
    expect(late.tagCount).toBe(1);
    expect(late.tags).toContain('soon');
  });

  test('When ada lists her drafts and scheduled articles, then she gets them; others get 403, anonymous 401', async () => {
    const draft = seedArticle({ author: 'ada', status: 'draft' });
    const later = seedArticle({ author: 'ada', publishedAt: new Date(Date.now() + 7_200_000).toISOString() });
    const sooner = seedArticle({ author: 'ada', publishedAt: new Date(Date.now() + 3_600_000).toISOString() });

    const drafts = await callApi('GET', '/articles?author=ada&status=draft', { token: ADA });
    const scheduled = await callApi('GET', '/articles?author=ada&status=scheduled', { token: ADA });
    const someoneElse = await callApi('GET', '/articles?author=ada&status=draft', { token: GRACE });
    const anonymous = await callApi('GET', '/articles?author=ada&status=draft');
    const nobodyNamed = await callApi('GET', '/articles?status=draft', { token: ADA });

    expect(slugs(drafts)).toEqual([draft.slug]);
    expect(slugs(scheduled)).toEqual([sooner.slug, later.slug]);
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.body).toEqual({
      errors: { status: ['drafts and scheduled articles are listed for their author only'] },
    });
    expect(anonymous.status).toBe(401);
    expect(nobodyNamed.status).toBe(422);
  });

  test('When a draft is published, then it gets publishedAt now and comes first', async () => {
    const draft = seedArticle({ author: 'ada', status: 'draft' });

    const published = await callApi('PUT', `/articles/${draft.slug}`, {
      token: ADA,
      json: { article: { status: 'published' } },
    });

    const { article } = published.body as Schemas['ArticleResponse'];
    expect(article.status).toBe('published');
    expect(article.publishedAt).not.toBeNull();
    expect(slugs(await callApi('GET', '/articles?limit=1'))).toEqual([draft.slug]);
  });

  test('When an article is published without status, then it is published at its creation time', async () => {
    const created = await callApi('POST', '/articles', {
      token: ADA,
      json: { article: { title: 'Plain', description: 'd', body: 'b' } },
    });

    const { article } = created.body as Schemas['ArticleResponse'];
    expect(article.status).toBe('published');
    expect(article.publishedAt).toBe(article.createdAt);
  });
});

describe('former slugs', () => {
  test('When an article was renamed twice, then both former slugs answer with its current slug, on every operation', async () => {
    const first = seedArticle({ author: 'ada', title: 'First name' });
    const rename = async (slug: string, title: string) =>
      (
        (await callApi('PUT', `/articles/${slug}`, { token: ADA, json: { article: { title } } }))
          .body as Schemas['ArticleResponse']
      ).article.slug;
    const second = await rename(first.slug, 'Second name');
    const third = await rename(second, 'Third name');

    const answers = await Promise.all([first.slug, second].map((slug) => callApi('GET', `/articles/${slug}`)));
    const comment = await callApi('POST', `/articles/${first.slug}/comments`, {
      token: GRACE,
      json: { comment: { body: 'hi' } },
    });
    const favorite = await callApi('POST', `/articles/${second}/favorite`, { token: GRACE });
    const taken = await callApi('POST', '/articles', {
      token: GRACE,
      json: { article: { title: 'First name', description: 'd', body: 'b' } },
    });

    expect(answers.map((answer) => (answer.body as Schemas['ArticleResponse']).article.slug)).toEqual([third, third]);
    expect(comment.status).toBe(200);
    expect((favorite.body as Schemas['ArticleResponse']).article.slug).toBe(third);
    expect((taken.body as Schemas['ArticleResponse']).article.slug).toMatch(/^first-name-[a-z0-9]{6}$/);
  });
});

describe('moderation', () => {
  test('When the article’s author deletes a stranger’s comment, then it is gone; a third user gets 403', async () => {
    const article = seedArticle({ author: 'ada' });
    const spam = seedComment({ article, author: 'olu', body: 'buy now' });
    const other = seedComment({ article, author: 'olu', body: 'fine' });

    const byStranger = await callApi('DELETE', `/articles/${article.slug}/comments/${other.id}`, { token: GRACE });
    const byAuthor = await callApi('DELETE', `/articles/${article.slug}/comments/${spam.id}`, { token: ADA });
    const left = await callApi('GET', `/articles/${article.slug}/comments`);

    expect(byStranger.status).toBe(403);
    expect(byStranger.body).toEqual({
      errors: { comment: ["can only be deleted by its author or the article's author"] },
    });
    expect(byAuthor.status).toBe(204);
    expect((left.body as Schemas['MultipleCommentsResponse']).comments.map((c) => c.id)).toEqual([other.id]);
  });
});

describe('cover alt text and focal point', () => {
  test('When they are sent, then they are stored and returned; a point out of range is a 422 naming it', async () => {
    const created = await callApi('POST', '/articles', {
      token: ADA,
      json: {
        article: {
          title: 'Harbour',
          description: 'd',
          body: 'b',
          coverImageAlt: 'Boats at dawn',
          coverImageFocalPoint: { x: 0.25, y: 0.8 },
        },
      },
    });
    const { article } = created.body as { article: Article };
    const updated = await callApi('PUT', `/articles/${article.slug}`, {
      token: ADA,
      json: { article: { coverImageFocalPoint: { y: 0.1 } } },
    });
    const refused = await callApi('PUT', `/articles/${article.slug}`, {
      token: ADA,
      json: { article: { coverImageFocalPoint: { x: 2 } } },
    });

    expect(article).toMatchObject({ coverImageAlt: 'Boats at dawn', coverImageFocalPoint: { x: 0.25, y: 0.8 } });
    expect((updated.body as { article: Article }).article.coverImageFocalPoint).toEqual({ x: 0.5, y: 0.1 });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({ errors: { x: ['must be less than or equal to 1'] } });
  });
});

describe('article images', () => {
  test('When the cover and the body use uploads, then the article carries their records, the list the cover only', async () => {
    const upload = async (width: number, height: number) =>
      (
        (await callApi('POST', '/assets', { token: ADA, body: uploadForm(pngBytes(width, height)) })).body as {
          asset: Schemas['Asset'];
        }
      ).asset;
    const cover = await upload(1600, 900);
    const figure = await upload(700, 500);

    const created = await callApi('POST', '/articles', {
      token: ADA,
      json: {
        article: {
          title: 'With uploads',
          description: 'd',
          body: `![Old](${figure.url}#w=700&h=500) and ![Plain](${figure.url}) and ![Else](https://img.example.com/x.webp)`,
          coverImage: cover.url,
        },
      },
    });
    const listed = await callApi('GET', '/articles?limit=1');

    const { article } = created.body as { article: Article };
    const record = ({ url, width, height, variants }: Schemas['Asset']) => ({ url, width, height, variants });
    expect(article.images).toEqual([record(cover), record(figure)]);
    expect((listed.body as ArticleList).articles[0]?.images).toEqual([record(cover)]);
  });
});
