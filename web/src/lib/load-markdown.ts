type MarkdownModule = Pick<typeof import('./markdown'), 'renderMarkdown'>;
let markdownModule: Promise<MarkdownModule> | undefined;

/**
 * Where the page is rendered: Vite builds say it as a constant (so each build keeps only its own
 * renderer); the tests run without Vite, where only the DOM tells.
 */
const onServer: boolean = import.meta.env?.SSR ?? typeof document === 'undefined';

/**
 * The Markdown renderer, in a chunk of its own, loaded once: the same promise every time, as React's
 * `use` needs. Free of React, so the entry can start it when a visit lands on an article
 * (app/first-screen.ts). The browser gets the renderer checked by DOMPurify (markdown-checked.ts);
 * the server, which has no DOM, the renderer alone, which renders the same HTML.
 */
export function loadMarkdown(): Promise<MarkdownModule> {
  markdownModule ??= onServer ? import('./markdown') : import('./markdown-checked');
  return markdownModule;
}
