// The entry starts the landing page's requests itself, before React has arrived; these tests pin
// down which ones, in which order, and the cache keys the app takes them over under.
import { parseImageUrl } from '@inkwell/rules';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

import { articleKeys } from '@/features/articles/api/article-keys';
import { CARD_COVER_SIZES } from '@/features/articles/components/cover-sizes';
import { commentKeys } from '@/features/comments/api/comment-keys';
import { tagKeys } from '@/features/tags/api/tag-requests';
import { callApi, mockServer, setUpMockServer } from '@/testing/mocks/test-client';

import { startFirstScreen, type FirstScreen } from './first-screen';

setUpMockServer();

let requests: string[] = [];
const record = ({ request }: { request: Request }) => {
  const url = new URL(request.url);
  requests.push(`${request.method} ${url.pathname}${url.search}`);
};

beforeEach(() => {
  requests = [];
  mockServer.events.on('request:start', record);
});

afterEach(() => {
  mockServer.events.removeListener('request:start', record);
  document.head.querySelectorAll('link[rel="preload"]').forEach((link) => link.remove());
});

/** Waits for every early request to settle, whatever its answer. */
async function settled(screen: FirstScreen): Promise<void> {
  await Promise.allSettled(screen.queries.map((query) => query.promise));
}

describe('the first screen, started by the entry', () => {
  test('When a visit lands on home, then the list goes out first, then the tags, under the keys the page reads', async () => {
    const screen = startFirstScreen({ pathname: '/', search: '' }, false);
    await settled(screen);

    expect(screen.page).toBe('home');
    expect(screen.queries.map((query) => query.queryKey)).toEqual([
      articleKeys.list({ tag: undefined, page: 1 }),
      tagKeys.popular(),
    ]);
    expect(requests).toEqual(['GET /api/v1/articles?limit=10&offset=0', 'GET /api/v1/tags']);
  });

  test('When the first article has a cover, then that image is preloaded with a high priority', async () => {
    const { body } = await callApi('GET', '/articles?limit=10&offset=0');
    const cover = (body as { articles: Array<{ coverImage: string | null }> }).articles[0]?.coverImage;
    expect(cover).toEqual(expect.any(String));

    await settled(startFirstScreen({ pathname: '/', search: '' }, false));

    const { src, srcSet } = parseImageUrl(cover ?? '');
    const preload = document.head.querySelector<HTMLLinkElement>('link[rel="preload"][as="image"]');
    expect(preload?.getAttribute('href')).toBe(src);
    expect(preload?.getAttribute('imagesrcset')).toBe(srcSet ?? null);
    expect(preload?.getAttribute('imagesizes')).toBe(srcSet ? CARD_COVER_SIZES : null);
    expect(preload?.getAttribute('fetchpriority')).toBe('high');
  });

  test('When a visit lands on a tag page, then that page of that tag is requested', async () => {
    const screen = startFirstScreen({ pathname: '/', search: '?tag=travel&page=2' }, false);
    await settled(screen);

    expect(screen.queries[0]?.queryKey).toEqual(articleKeys.list({ tag: 'travel', page: 2 }));
    expect(requests[0]).toBe('GET /api/v1/articles?tag=travel&limit=10&offset=10');
  });

  test('When a signed-in visit lands on the following feed, then only the tags are started (the feed is always fetched fresh)', async () => {
    const screen = startFirstScreen({ pathname: '/', search: '?feed=following' }, true);
    await settled(screen);

    expect(screen.queries.map((query) => query.queryKey)).toEqual([tagKeys.popular()]);
    expect(requests).toEqual(['GET /api/v1/tags']);
  });

  test('When a visit lands on an article, then the article and its comments are requested', async () => {
    const { body } = await callApi('GET', '/articles?limit=1');
    const slug = (body as { articles: Array<{ slug: string }> }).articles[0]?.slug ?? '';
    requests = [];

    const screen = startFirstScreen({ pathname: `/article/${encodeURIComponent(slug)}`, search: '' }, false);
    await settled(screen);

    expect(screen.page).toBe('article');
    expect(screen.queries.map((query) => query.queryKey)).toEqual([articleKeys.detail(slug), commentKeys.list(slug)]);
    expect(requests).toEqual([`GET /api/v1/articles/${slug}`, `GET /api/v1/articles/${slug}/comments`]);
  });

  test('When the address is another page or a malformed article address, then nothing is started', () => {
    for (const pathname of ['/login', '/editor', '/profile/alice', '/article/%E0%A4%A']) {
      const screen = startFirstScreen({ pathname, search: '' }, false);
      expect(screen).toEqual({ queries: [] });
    }
    expect(requests).toEqual([]);
  });
});
