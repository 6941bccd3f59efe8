/** @jest-environment node */
// The feeds show what readers see: they read the API's lists, which leave out drafts and articles
// scheduled for later, so the feed XML and the sitemap follow, and a scheduled article joins
// them when its time comes. Against the mock API over real HTTP, which keeps the API's rules.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { createInkwellClient } from '@inkwell/client';

import { seedArticle, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { startStandaloneMockServer, type StandaloneMockServer } from '@/testing/mocks/standalone';

import type { FeedContext } from './context';
import { rssFeed } from './rss';
import { forgetWalks, sitemapFeed } from './sitemap';

const ORIGIN = 'https://inkwell.example.org';
let mockApi: StandaloneMockServer;
let ctx: FeedContext;

beforeAll(async () => {
  mockApi = await startStandaloneMockServer({ port: 0 });
  ctx = {
    api: createInkwellClient({ baseUrl: `${mockApi.origin}/api/v1`, retries: false }),
    publicOrigin: ORIGIN,
    requestId: 'req-visibility',
  };
});
afterAll(() => mockApi.close());
beforeEach(() => {
  mockDb.clear();
  forgetWalks();
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** The article addresses in the RSS feed and in the sitemap. */
async function linked(): Promise<{ rss: string[]; sitemap: string[] }> {
  forgetWalks();
  const rss = await rssFeed(ctx, new URLSearchParams());
  const sitemap = await sitemapFeed(ctx, new URLSearchParams());
  const links = (xml: string, element: string) =>
    Array.from(xml.matchAll(new RegExp(`<${element}>([^<]*/article/[^<]*)</${element}>`, 'g')), ([, url]) => url ?? '');
  return { rss: links(rss.body, 'link'), sitemap: links(sitemap.body, 'loc') };
}

describe('drafts and scheduled articles in the feeds', () => {
  test('When articles are drafts or scheduled, then neither the RSS feed nor the sitemap names them until their time', async () => {
    const ada = seedUser({ username: 'ada' });
    const published = seedArticle({ author: ada, title: 'Out now' });
    const draft = seedArticle({ author: ada, title: 'Not yet written', status: 'draft' });
    const at = new Date(Date.now() + 60_000).toISOString();
    const scheduled = seedArticle({ author: ada, title: 'Coming soon', publishedAt: at });
    const url = (slug: string) => `${ORIGIN}/article/${slug}`;

    const early = await linked();
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse(at) + 1);
    const late = await linked();

    expect(early.rss).toEqual([url(published.slug)]);
    expect(early.sitemap).toEqual([url(published.slug)]);
    expect(late.rss).toEqual([url(scheduled.slug), url(published.slug)]);
    expect(late.sitemap).toEqual(expect.arrayContaining([url(scheduled.slug), url(published.slug)]));
    expect([...late.rss, ...late.sitemap]).not.toContain(url(draft.slug));
  });
});
