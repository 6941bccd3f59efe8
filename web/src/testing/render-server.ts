import { readFileSync } from 'node:fs';

import { createServerApi } from '@/server/api';
import { renderPage, type PageAnswer } from '@/server/render-page';
import { createPageTemplate } from '@/server/template';

/*
 * The server renderer in tests: the web app's own index.html (from the repository, not a build)
 * as the frame, and the mock API behind the server's client: over real HTTP from the standalone
 * mock server (in Node), or through MSW in jsdom (render.tsx's setUpMockApi), at
 * http://localhost/api/v1.
 */

export const TEST_ORIGIN = 'https://inkwell.example';
export const TEST_REQUEST_ID = 'test-request-1';

const indexHtml = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');

/** A manifest as the build writes it, for the page preloads. */
const manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_app.js'] },
  '_app.js': { file: 'assets/app.js' },
  '_pages.js': { file: 'assets/pages.js', imports: ['_app.js'] },
  'src/app/routes/home.tsx': { file: 'assets/home.js', imports: ['_pages.js', '_app.js'] },
  'src/app/routes/article.tsx': { file: 'assets/article.js', imports: ['_pages.js', '_app.js'] },
};

export const testTemplate = createPageTemplate(indexHtml, manifest);

/** Renders `url` as the renderer would for nginx, against the mock API at `apiUrl`. */
export function renderForTest(
  url: string,
  { apiUrl = 'http://localhost/api/v1', timeoutMs = 2000 }: { apiUrl?: string; timeoutMs?: number } = {},
): Promise<PageAnswer> {
  const api = createServerApi({ baseUrl: apiUrl, requestId: TEST_REQUEST_ID, timeoutMs });
  return renderPage(url, { api, publicOrigin: TEST_ORIGIN, template: testTemplate });
}
