import { describe, expect, test } from '@jest/globals';
import { ARTICLE_IMAGES_MAX_ITEMS } from '@inkwell/rules';
import { assetKeyOf, imageKeysOf } from '../../src/modules/articles/article-images.js';
import { userFactory } from '../factories/user-factory.js';
import * as images from '../fixtures/images/images.js';
import { tokenHeader, useTestApp } from '../helpers/test-app.js';

const app = useTestApp();

async function upload(token: string, width: number, height: number) {
  const res = await app.request
    .post('/api/v1/assets')
    .set(tokenHeader(token))
    .attach('file', await images.png(width, height), 'picture.png');
  expect(res.status).toBe(201);
  return res.body.asset as { url: string; width: number; height: number; variants: { width: number; url: string }[] };
}

describe('Article images (the sizes of the uploads an article shows)', () => {
  test('When the cover and the body use uploads, plain or with an old size fragment, then the article carries their records; lists the cover only', async () => {
    const author = await userFactory.create(app);
    const cover = await upload(author.token, 1600, 900);
    const figure = await upload(author.token, 700, 500);
    const body = [
      `A figure: ![Boats](${figure.url}#w=700&h=500&v=320,640 "Boats at dawn")`,
      `Again, plain: ![Boats](${figure.url})`,
      'From elsewhere: ![Elsewhere](https://img.example.com/x.webp)',
    ].join('\n\n');

    const created = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({ article: { title: 'Harbour', description: 'd', body, coverImage: cover.url } });
    const listed = await app.request.get('/api/v1/articles').query({ author: author.username });

    const record = (asset: typeof cover) => ({
      url: asset.url,
      width: asset.width,
      height: asset.height,
      variants: asset.variants,
    });
    expect(created.status).toBe(201);
    expect(created.body.article.images).toEqual([record(cover), record(figure)]);
    expect(listed.body.articles[0].images).toEqual([record(cover)]);
  });

  test('When an article shows no uploads, then its images are empty', async () => {
    const author = await userFactory.create(app);

    const created = await app.request
      .post('/api/v1/articles')
      .set(tokenHeader(author.token))
      .send({
        article: { title: 'Plain', description: 'd', body: 'Text only.', coverImage: 'https://img.example.com/c.webp' },
      });

    expect(created.body.article.images).toEqual([]);
  });
});

describe('Which uploads an article shows (pure)', () => {
  const publicUrl = (key: string) => `https://assets.example.org/${key}`;

  test('When a URL is the store’s, then its key is what follows the base, without fragment or query', () => {
    expect(assetKeyOf('https://assets.example.org/a/1.webp#w=1&h=2', publicUrl)).toBe('a/1.webp');
    expect(assetKeyOf('https://assets.example.org/a/1.webp?x=1', publicUrl)).toBe('a/1.webp');
    expect(assetKeyOf('https://assets.example.org.evil.test/a/1.webp', publicUrl)).toBeNull();
    expect(assetKeyOf('https://assets.example.org/', publicUrl)).toBeNull();
  });

  test('When an article shows uploads, then their keys come cover first, each once, at most the contract’s number', () => {
    const many = Array.from({ length: ARTICLE_IMAGES_MAX_ITEMS + 5 }, (_, n) => `![${n}](${publicUrl(`a/${n}.webp`)})`);
    const keys = imageKeysOf(
      {
        coverImage: publicUrl('a/cover.webp#w=1'),
        body: `<img src="${publicUrl('a/0.webp')}"> ${many.join(' ')} ![c](${publicUrl('a/cover.webp')})`,
      },
      publicUrl,
    );

    expect(keys[0]).toBe('a/cover.webp');
    expect(keys[1]).toBe('a/0.webp');
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(ARTICLE_IMAGES_MAX_ITEMS);
    expect(imageKeysOf({ coverImage: null, body: 'none here' }, publicUrl)).toEqual([]);
  });
});
