/**
 * The app's build-time settings, read here and nowhere else (except main.tsx's mock-mode
 * switch, which must be a literal for the bundler to drop it). Vite inlines `import.meta.env`;
 * Jest runs the sources without Vite, where it is undefined and the defaults apply.
 */
const viteEnv: Partial<ImportMetaEnv> = import.meta.env ?? {};

function apiUrl(value: string | undefined): string {
  const url = value ?? '/api/v1';
  if (!url.startsWith('/') && !/^https?:\/\//.test(url)) {
    throw new Error(`VITE_API_URL must be a path or an http(s) URL, got "${url}"`);
  }
  return url.replace(/\/+$/, '');
}

export const env = Object.freeze({
  /** Base of the API as the browser sees it; same origin by default (nginx or the dev proxy). */
  API_URL: apiUrl(viteEnv.VITE_API_URL),
});
