// Text into XML 1.0 that every parser accepts, whatever a writer typed: the five markup
// characters escaped, and the code points XML 1.0 forbids anywhere (control characters, lone
// surrogates, U+FFFE/U+FFFF) dropped, since no escape can carry them.
// https://www.w3.org/TR/xml/#charsets

/** Everything outside Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Removes the characters XML 1.0 does not allow (they would make the whole document unreadable). */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** Text safe for element content and for attribute values in either quote. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** `<name attr="…">text</name>`, everything escaped; attributes whose value is undefined are left out. */
export function element(
  name: string,
  text: string | undefined,
  attributes: Record<string, string | number | undefined> = {},
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
