// The contract's patterns as HTML `pattern` attributes, so that a form refuses what the API would.
//
// The two read a pattern differently. JSON Schema searches the text for the pattern, read with
// the `u` flag (as the API's validator reads it); a browser matches the whole value, as
// `^(?:pattern)$`, with the `v` flag (older browsers and jsdom: `u`). Inside a character class the
// `v` flag treats `-`, `(`, `)`, `[`, `]`, `{`, `}`, `/` and `|` as syntax and reserves doubled
// punctuation, so the contract's `[A-Za-z0-9_-]` is an error there: it must be `[A-Za-z0-9_\-]`.
// https://html.spec.whatwg.org/multipage/input.html#compiled-pattern-regular-expression

/** Escaped with a backslash inside a class: allowed so under both flags, needed under `v`. */
const ESCAPED_IN_CLASS = new Set('()[]{}/-|^$.*+?');
/** Reserved under `v` when doubled (`&&`) but not escapable under `u`: written as `\xHH`. */
const HEX_IN_CLASS = new Set('&!#%,:;<=>@`~');
/** Escapes that stand for a set of characters, which cannot bound a range. */
const SET_ESCAPES = new Set('dDsSwWpP');
/** One escape, whole: `\p{…}`, `\u{…}`, `\k<…>`, `\uHHHH`, `\xHH`, `\cX`, or a backslash and one character. */
const ESCAPE = /^\\(?:[pPu]\{[^}]*\}|k<[^>]*>|u[\dA-Fa-f]{4}|x[\dA-Fa-f]{2}|c[A-Za-z]|[\s\S])/;

/**
 * The HTML `pattern` attribute that accepts exactly the values `pattern` (a JSON Schema pattern)
 * accepts: `'^[A-Za-z0-9_-]+$'` → `'[A-Za-z0-9_\-]+'`. Anchors that frame the whole pattern go,
 * the browser adds its own; any other pattern is wrapped in `[\s\S]*(?:…)[\s\S]*`, which makes the
 * browser's whole-value match a search.
 */
export function htmlPattern(pattern: string): string {
  const anchored =
    pattern.length >= 2 &&
    pattern.startsWith('^') &&
    pattern.endsWith('$') &&
    !pattern.endsWith('\\$') &&
    // `^a|b$` is "starts with a, or ends with b": its anchors do not frame the whole.
    !pattern.includes('|');
  const body = escapeClasses(anchored ? pattern.slice(1, -1) : pattern);
  return anchored ? body : `[\\s\\S]*(?:${body})[\\s\\S]*`;
}

/** `source` with every literal character inside a class written so that `u` and `v` agree. */
function escapeClasses(source: string): string {
  let out = '';
  let inClass = false;
  // Whether the item just read is one character a following `-` makes a range from (the `A` of
  // `A-Z`), and whether it ended a range (the `Z`: a `-` after it stands for itself).
  let rangeStart = false;
  let rangeEnd = false;
  // By code point, so that a character beyond the basic plane is one item, as the flags read it.
  const chars = Array.from(source);
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i]!;
    if (char === '\\') {
      const escape = ESCAPE.exec(chars.slice(i).join(''))?.[0] ?? char;
      out += escape;
      i += escape.length - 1;
      rangeStart = !rangeEnd && !SET_ESCAPES.has(escape[1] ?? '');
      rangeEnd = false;
    } else if (!inClass) {
      out += char;
      if (char === '[') {
        inClass = true;
        rangeStart = false;
        rangeEnd = false;
        if (chars[i + 1] === '^') {
          out += '^';
          i += 1;
        }
      }
    } else if (char === ']') {
      out += char;
      inClass = false;
    } else if (char === '-' && rangeStart && i + 1 < chars.length && chars[i + 1] !== ']') {
      out += char;
      rangeStart = false;
      rangeEnd = true;
    } else {
      if (ESCAPED_IN_CLASS.has(char)) out += `\\${char}`;
      else if (HEX_IN_CLASS.has(char)) out += `\\x${char.charCodeAt(0).toString(16)}`;
      else out += char;
      rangeStart = !rangeEnd;
      rangeEnd = false;
    }
  }
  return out;
}
