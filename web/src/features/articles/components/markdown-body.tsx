import { Suspense, use, useMemo } from 'react';

import { SkeletonText } from '@/components/ui/skeleton';
import { loadMarkdown } from '@/lib/load-markdown';

function Rendered({ markdown }: { markdown: string }) {
  const { renderMarkdown } = use(loadMarkdown());
  const html = useMemo(() => renderMarkdown(markdown), [renderMarkdown, markdown]);
  // Safe: renderMarkdown escapes raw HTML and keeps only safe URLs (lib/markdown.ts); in the
  // browser DOMPurify checks the result again (lib/markdown-checked.ts).
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function MarkdownBody({ markdown }: { markdown: string }) {
  return (
    <Suspense fallback={<SkeletonText lines={8} />}>
      <Rendered markdown={markdown} />
    </Suspense>
  );
}
