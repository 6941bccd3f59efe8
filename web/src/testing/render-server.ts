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

export const testTemplate = createPageTemplate(indexHtml);

/** Renders `url` as the renderer would for nginx, against the mock API at `apiUrl`. */
export function renderForTest(
  url: string,
  { apiUrl = 'http://localhost/api/v1', timeoutMs = 2000 }: { apiUrl?: string; timeoutMs?: number } = {},
): Promise<PageAnswer> {
  const api = createServerApi({ baseUrl: apiUrl, requestId: TEST_REQUEST_ID, timeoutMs });
  return renderPage(url, { api, publicOrigin: TEST_ORIGIN, template: testTemplate });
}
