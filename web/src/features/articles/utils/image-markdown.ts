import { insertBlock } from '@/utils/text';

/*
 * The Markdown the editor writes for an image, and the placeholder that holds its place in the
 * body while it uploads and the writer describes it.
 */

/** What the writer said about an image: its alt text (`''` when decorative) and an optional caption. */
export interface ImageDescription {
  alt: string;
  caption: string;
}

/** One line: a description or a caption typed with line breaks still reads as one sentence. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Alt text as Markdown reads it literally: brackets, emphasis and code marks escaped. */
function escapeAlt(text: string): string {
  return oneLine(text).replace(/[\\[\]*_`<>~]/g, '\\$&');
}

/** A title in double quotes: the quote and the backslash escaped. */
function escapeTitle(text: string): string {
  return oneLine(text).replace(/["\\]/g, '\\$&');
}

/**
 * `![alt](url "caption")`: the asset's plain URL (its sizes come with the article's `images`);
 * the title, when there is a caption, makes the image a captioned figure where it stands alone.
 */
export function imageMarkdown(url: string, { alt, caption }: ImageDescription): string {
  const title = oneLine(caption) ? ` "${escapeTitle(caption)}"` : '';
  return `![${escapeAlt(alt)}](${url}${title})`;
}

/**
 * What stands for an image in the body until it is in: `text`, an image with no address (which
 * renders as nothing) named after its file, and the line breaks put `before` and `after` it to
 * set it apart, so that taking it out again leaves the body as it was.
 */
export interface Placeholder {
  text: string;
  before: string;
  after: string;
}

/** A placeholder's text, named after the file and unique in `body`, so each upload finds its own. */
export function uploadPlaceholder(fileName: string, body: string): string {
  const name = escapeAlt(fileName) || 'image';
  for (let n = 1; ; n += 1) {
    const placeholder = `![Uploading ${name}${n > 1 ? ` (${n})` : ''}…]()`;
    if (!body.includes(placeholder)) return placeholder;
  }
}

/**
 * `body` with a placeholder for each of `fileNames` in place of the selection (`start`..`end`),
 * each on lines of its own, and the cursor below them: writing goes on in the next paragraph,
 * never on an image's line (an image stands alone to be a figure).
 */
export function insertPlaceholders(body: string, start: number, end: number, fileNames: readonly string[]) {
  const names: string[] = [];
  for (const name of fileNames) names.push(uploadPlaceholder(name, [body, ...names].join('\n')));
  const block = names.join('\n\n');
  const inserted = insertBlock(body, start, end, block);
  const rest = inserted.text.slice(inserted.cursor);
  const text = rest === '' ? `${inserted.text}\n\n` : inserted.text;
  const cursor = inserted.cursor + (rest === '' ? 2 : (/^\n*/.exec(rest)?.[0].length ?? 0));
  // The line breaks around the images, so that taking one out again leaves the text as it was.
  const lead = text.slice(start, inserted.cursor - block.length);
  const trail = text.slice(inserted.cursor, text.length - (body.length - end));
  const placeholders = names.map((name, index): Placeholder => ({
    text: name,
    before: index === 0 ? lead : '\n\n',
    after: index === names.length - 1 ? trail : '',
  }));
  return { text, cursor, placeholders };
}

/** One change to the text: `removed` characters at `at` replaced by `inserted` new ones. */
export interface TextEdit {
  text: string;
  at: number;
  removed: number;
  inserted: number;
}

/** `body` with `search` replaced by `replacement`, or null when the writer has removed `search`. */
export function replaceOnce(body: string, search: string, replacement: string): TextEdit | null {
  const at = body.indexOf(search);
  if (at === -1) return null;
  return {
    text: body.slice(0, at) + replacement + body.slice(at + search.length),
    at,
    removed: search.length,
    inserted: replacement.length,
  };
}

/**
 * `body` without the placeholder and the line breaks that came with it, or null when the writer
 * has removed it already. When the text around it was edited, the blank line that set it apart
 * goes with it (both, at the end of the text).
 */
export function removePlaceholder(body: string, { text, before, after }: Placeholder): TextEdit | null {
  const exact = replaceOnce(body, `${before}${text}${after}`, '');
  if (exact) return exact;
  const at = body.indexOf(text);
  if (at === -1) return null;
  const tail = body.slice(at + text.length);
  const lead = body.slice(0, at).endsWith('\n\n') ? 2 : 0;
  const trail = tail.startsWith('\n\n') && (lead === 0 || tail === '\n\n') ? 2 : 0;
  const start = at - lead;
  const removed = lead + text.length + trail;
  return { text: body.slice(0, start) + body.slice(start + removed), at: start, removed, inserted: 0 };
}

/** Where a position in the text is after `edit`: after the change it moves with the text. */
export function positionAfter(position: number, edit: TextEdit): number {
  if (position <= edit.at) return position;
  if (position >= edit.at + edit.removed) return position + edit.inserted - edit.removed;
  return edit.at + edit.inserted;
}
