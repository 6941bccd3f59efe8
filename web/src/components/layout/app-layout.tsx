import { Component, Suspense, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Outlet, useLocation } from 'react-router';

import { PageSkeleton } from '@/components/ui/skeleton';
import { Toaster } from '@/components/ui/toaster';
import { useRouteFocus } from '@/hooks/use-route-focus';
import { useSessionRefresh } from '@/lib/auth';

import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    // The usual cause: a new version was deployed and this page's old chunk is gone.
    return (
      <div className="notice notice--error container" role="alert">
        <p className="notice__title">This page couldn't be shown</p>
        <p>Inkwell may have been updated since you opened it. Reload the page to get the latest version.</p>
        <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}

/**
 * Header, main region and footer: around every page, and around the skeleton of the shell that
 * index.html shows until the app has started (app/shell.tsx), so both lay out the same.
 */
export function PageFrame({
  header,
  mainRef,
  children,
}: {
  header: ReactNode;
  mainRef?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {header}
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

/**
 * A new page for every address, so an error shown on one is gone on the next; but a page that
 * moves its own address (`state: { continued: true }`, the editor following its draft's slug)
 * stays the same page.
 */
function usePageKey(): string {
  const { pathname, state } = useLocation();
  const [page, setPage] = useState({ pathname, key: pathname });
  if (page.pathname !== pathname) {
    setPage({ pathname, key: (state as { continued?: boolean } | null)?.continued ? page.key : pathname });
  }
  return page.key;
}

/** The app's layout: the frame, with the current page in it. */
export function AppLayout() {
  const main = useRef<HTMLElement>(null);
  const pageKey = usePageKey();
  useRouteFocus(main);
  useSessionRefresh();
  return (
    <>
      <PageFrame header={<SiteHeader />} mainRef={main}>
        <PageErrorBoundary key={pageKey}>
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </PageFrame>
      <Toaster />
    </>
  );
}
