type MarkdownModule = typeof import('./markdown');
let markdownModule: Promise<MarkdownModule> | undefined;

/**
 * The Markdown renderer (marked and DOMPurify), in a chunk of its own, loaded once: the same
 * promise every time, as React's `use` needs. Free of React, so the entry can start it when a visit
 * lands on an article (app/first-screen.ts).
 */
export function loadMarkdown(): Promise<MarkdownModule> {
  markdownModule ??= import('./markdown');
  return markdownModule;
}
