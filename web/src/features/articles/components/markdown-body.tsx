import type { ImageAsset } from '@inkwell/rules';
import { Suspense, use, useMemo } from 'react';

import { SkeletonText } from '@/components/ui/skeleton';
import { loadMarkdown } from '@/lib/load-markdown';

interface MarkdownBodyProps {
  markdown: string;
  /** The uploads the body shows (the article's `images`): their sizes and srcsets. */
  images?: readonly ImageAsset[] | undefined;
}

const NO_IMAGES: readonly ImageAsset[] = [];

function Rendered({ markdown, images = NO_IMAGES }: MarkdownBodyProps) {
  const { renderMarkdown } = use(loadMarkdown());
  const html = useMemo(() => renderMarkdown(markdown, images), [renderMarkdown, markdown, images]);
  // Safe: renderMarkdown escapes raw HTML and keeps only safe URLs (lib/markdown.ts); in the
  // browser DOMPurify checks the result again (lib/markdown-checked.ts).
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function MarkdownBody(props: MarkdownBodyProps) {
  return (
    <Suspense fallback={<SkeletonText lines={8} />}>
      <Rendered {...props} />
    </Suspense>
  );
}
