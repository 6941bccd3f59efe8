// React Router's build creates its components and contexts at module level with
// `React.forwardRef(…)` and `React.createContext(…)` calls that carry no pure annotation, and names
// them with `X.displayName = "…"` statements. To the bundler both look like side effects, so every
// one of them stays in the bundle, used or not (`<Form>`, fetchers, scroll restoration, framework
// prefetching…). Both calls are pure and the names only serve React DevTools: marking the calls
// and dropping the names lets tree-shaking remove what the app never uses (about 4 KB gzip).
import type { Plugin } from 'vite';

/** Marks React Router's module-level components pure and drops their display names. */
export function pureReactRouter(): Plugin {
  return {
    name: 'inkwell:pure-react-router',
    apply: 'build',
    transform: {
      filter: { id: /node_modules[\\/]react-router[\\/]dist[\\/]/ },
      handler(code) {
        const annotated = code
          .replace(/(=\s*)(React\d*\.(?:forwardRef|createContext)\()/g, '$1/* @__PURE__ */ $2')
          .replace(/^[\w$]+\.displayName = "[^"]*";$/gm, '');
        return { code: annotated, map: null };
      },
    },
  };
}
