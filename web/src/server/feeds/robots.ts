// /robots.txt for the public site: the same rules as the web build's public/robots.txt (what the
// SPA fallback serves when no renderer answers), plus the sitemap, whose absolute URL only the
// server knows. https://www.rfc-editor.org/rfc/rfc9309 and https://www.sitemaps.org/protocol.html#submit_robots
import { type FeedAnswer, type FeedContext, publicUrl } from './context';

export const ROBOTS_CACHE_CONTROL = 'public, max-age=3600, s-maxage=3600';

/** Kept identical to web/public/robots.txt (a test compares them). */
export const ROBOTS_RULES = [
  '# Every page is public. The API answers programs, not search engines.',
  'User-agent: *',
  'Disallow: /api/',
].join('\n');

/** GET /robots.txt */
export function robotsTxt(ctx: FeedContext): FeedAnswer {
  return {
    status: 200,
    contentType: 'text/plain; charset=utf-8',
    cacheControl: ROBOTS_CACHE_CONTROL,
    body: `${ROBOTS_RULES}\n\nSitemap: ${publicUrl(ctx, '/sitemap.xml')}\n`,
  };
}
