// The site the web budgets are measured on: a throwaway stack as production runs it (nginx in
// front of the API and the web renderer, the built web app, local S3 for images) in a temporary
// data dir on free ports (../throwaway-stack.ts), seeded with the demo data set (`npm start --
// --seed`: users with avatars, articles with Markdown bodies, covers uploaded through
// POST /assets), and the pages to audit.
import { randomBytes } from 'node:crypto';
import { seedDatabase } from '../seed/seed-database.js';
import { startThrowawayStack } from '../throwaway-stack.js';

export interface MeasuredSite {
  /** e.g. http://localhost:40123 */
  url: string;
  /** The pages to audit, by name. */
  pages: SitePage[];
  stop(): Promise<void>;
}

export interface SitePage {
  name: string;
  url: string;
}

export interface SiteOptions {
  articles: number;
  users: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** Starts and seeds the stack; on failure stops what had started and removes its data. */
export async function startMeasuredSite(options: SiteOptions): Promise<MeasuredSite> {
  const stack = await startThrowawayStack({
    name: 'lighthouse',
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    replicas: 1,
    nginx: true,
    renderer: true,
    signal: options.signal,
    output: (source, line) => {
      if (source === 'inkwell') options.log(line);
    },
  });
  try {
    const databaseUrl = stack.apiEnv.DATABASE_URL;
    if (!databaseUrl) throw new Error('the stack published no DATABASE_URL');
    const apiUrl = `${stack.url}/api/v1`;
    const result = await seedDatabase({
      databaseUrl,
      articles: options.articles,
      users: options.users,
      password: randomBytes(12).toString('base64url'),
      apiUrl,
      log: options.log,
    });
    const images =
      'skipped' in result.images
        ? `no images (${result.images.skipped})`
        : `${result.images.covers} covers, ${result.images.avatars} avatars`;
    options.log(`seeded ${result.counts.users} users, ${result.counts.articles} articles, ${images}`);
    return { url: stack.url, pages: await sitePages(stack.url), stop: () => stack.stop() };
  } catch (error) {
    await stack.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The pages to audit on a seeded site, as an anonymous visitor lands on them (server-rendered):
 * the home page, the newest article with a cover (the article page's heaviest case), and its
 * author's profile.
 */
export async function sitePages(origin: string): Promise<SitePage[]> {
  const response = await fetch(`${origin}/api/v1/articles?limit=100`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${origin}/api/v1/articles answered ${response.status}`);
  const { articles } = (await response.json()) as {
    articles: Array<{ slug: string; coverImage: string | null; author: { username: string } }>;
  };
  const article = articles.find((item) => item.coverImage);
  if (!article) throw new Error(`${origin} has no article with a cover among its newest 100: seed it with images`);
  return [
    { name: 'home', url: `${origin}/` },
    { name: 'article', url: `${origin}/article/${encodeURIComponent(article.slug)}` },
    { name: 'profile', url: `${origin}/profile/${encodeURIComponent(article.author.username)}` },
  ];
}
