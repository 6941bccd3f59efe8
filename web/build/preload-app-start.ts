// The entry is small and loads the app's start with `import()` (see src/main.tsx), so the browser
// would only discover that chunk once the entry has run. Preloading it and its static imports from
// index.html downloads them in parallel with the entry instead of after it.
import type { Plugin, Rolldown } from 'vite';

/** Adds `<link rel="modulepreload">` to index.html for the chunk of `appStart` (a module's absolute path) and its static imports. */
export function preloadAppStart(appStart: string): Plugin {
  return {
    name: 'inkwell:preload-app-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter(
          (file): file is Rolldown.OutputChunk => file.type === 'chunk',
        );
        const start = chunks.find((chunk) => chunk.moduleIds.includes(appStart));
        if (!start) throw new Error(`no chunk for ${appStart}`);
        const files = new Set<string>();
        const visit = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported);
        };
        visit(start.fileName);
        for (const chunk of chunks) if (chunk.isEntry) files.delete(chunk.fileName);
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
