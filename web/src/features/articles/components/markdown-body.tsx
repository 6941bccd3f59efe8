import { Suspense, use, useMemo } from 'react';

import { SkeletonText } from '@/components/ui/skeleton';
import { loadMarkdown } from '@/lib/load-markdown';

function Rendered({ markdown }: { markdown: string }) {
  const { renderMarkdown } = use(loadMarkdown());
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
