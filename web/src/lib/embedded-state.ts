/*
 * A server-rendered page carries its query cache as JSON in
 * `<script type="application/json" id="inkwell-state">`: data, not a script (the CSP allows no
 * inline scripts), read by the entry before the app starts. Free of imports: the entry includes it.
 */

export const EMBEDDED_STATE_ID = 'inkwell-state';

/** Marks what the server put into a page's head for that page alone (canonical URL, Open Graph, JSON-LD…). */
export const PAGE_HEAD_ATTRIBUTE = 'data-page-head';

/** The embedded state, parsed, or undefined on a page the server did not render (the app's index.html). */
export function readEmbeddedState(doc: Document): unknown {
  const element = doc.getElementById(EMBEDDED_STATE_ID);
  if (!element?.textContent) return undefined;
  try {
    return JSON.parse(element.textContent) as unknown;
  } catch {
    // Never written by the renderer; without the state the page is rendered afresh.
    return undefined;
  }
}

/**
 * JSON that can stand inside a `<script>` element: `<`, `>` and `&` as escapes, so no string in it
 * (a title holding `</script>` or `<!--`) can end the element or change how it is parsed, and
 * U+2028/U+2029 escaped as well, as older JavaScript parsers read them as line ends. `JSON.parse`
 * reads the escapes back as the same characters.
 */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
