import { renderToStaticMarkup } from 'react-dom/server';
import { StaticRouter } from 'react-router';

import { PageFrame } from '@/components/layout/app-layout';
import { SiteHeader } from '@/components/layout/site-header';
import { PageSkeleton } from '@/components/ui/skeleton';

/*
 * The shell that index.html shows while the app's JavaScript loads: the real header, footer and a
 * page skeleton, rendered by the build (the inkwell:prerender-shell plugin, build/prerender-shell.ts) from
 * the app's own components, so that a first visit paints the page's frame as soon as the HTML and
 * the stylesheet are in, not only once React has run. The app then renders over it (start.tsx).
 * Build-time code: the browser never loads this module.
 */

export function renderShell(): string {
  return renderToStaticMarkup(
    // No address the app knows, so no link in the header shows as the current page.
    <StaticRouter location="/loading">
      <PageFrame header={<SiteHeader prerendered />}>
        <noscript>
          <p className="container">Inkwell needs JavaScript to run. Please turn it on and reload the page.</p>
        </noscript>
        <PageSkeleton />
      </PageFrame>
    </StaticRouter>,
  );
}
