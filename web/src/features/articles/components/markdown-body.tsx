import { Suspense, use, useMemo } from 'react';

import { SkeletonText } from '@/components/ui/skeleton';

type MarkdownModule = typeof import('@/lib/markdown');
let markdownModule: Promise<MarkdownModule> | undefined;

/** Starts loading the renderer (marked + DOMPurify) without waiting: call it when an article is on its way. */
export function preloadMarkdown(): Promise<MarkdownModule> {
  markdownModule ??= import('@/lib/markdown');
  return markdownModule;
}

function Rendered({ markdown }: { markdown: string }) {
  const { renderMarkdown } = use(preloadMarkdown());
  const html = useMemo(() => renderMarkdown(markdown), [renderMarkdown, markdown]);
  // Safe: renderMarkdown escapes raw HTML and sanitizes the result (see lib/markdown.ts).
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function MarkdownBody({ markdown }: { markdown: string }) {
  return (
    <Suspense fallback={<SkeletonText lines={8} />}>
      <Rendered markdown={markdown} />
    </Suspense>
  );
}
