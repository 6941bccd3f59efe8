import { describe, expect, test } from '@jest/globals';

import {
  imageMarkdown,
  insertPlaceholders,
  positionAfter,
  removePlaceholder,
  replaceOnce,
  uploadPlaceholder,
} from './image-markdown';

describe('imageMarkdown', () => {
  test('When an image is described, then its alt text reads literally and the caption becomes its title', () => {
    expect(
      imageMarkdown('https://cdn.example/a.webp', { alt: 'A [big]\n*bold* boat', caption: 'Say "hi" \\ bye' }),
    ).toBe('![A \\[big\\] \\*bold\\* boat](https://cdn.example/a.webp "Say \\"hi\\" \\\\ bye")');
  });

  test('When the image is decorative and has no caption, then it has an empty alt and no title', () => {
    expect(imageMarkdown('https://cdn.example/a.webp', { alt: '', caption: '  ' })).toBe(
      '![](https://cdn.example/a.webp)',
    );
  });
});

describe('placeholders', () => {
  test('When two uploads have the same file name, then each placeholder is its own', () => {
    const first = uploadPlaceholder('boat.png', '');

    expect(first).toBe('![Uploading boat.png…]()');
    expect(uploadPlaceholder('boat.png', `Text\n\n${first}`)).toBe('![Uploading boat.png (2)…]()');
  });

  test('When a placeholder is replaced before the cursor, then the cursor moves with the text after it', () => {
    const edit = replaceOnce('A\n\n[p]\n\nB', '[p]', '![x](u)');

    expect(edit?.text).toBe('A\n\n![x](u)\n\nB');
    expect(positionAfter('A\n\n[p]\n\nB'.length, edit!)).toBe(edit!.text.length);
    expect(positionAfter(1, edit!)).toBe(1);
    expect(positionAfter(4, edit!)).toBe(3 + '![x](u)'.length);
  });

  test('When images go in mid-sentence, then each has lines of its own and writing goes on in the next paragraph', () => {
    const body = 'One. Two.';

    const placed = insertPlaceholders(body, 4, 4, ['a.png', 'b.png']);

    expect(placed.text).toBe('One.\n\n![Uploading a.png…]()\n\n![Uploading b.png…]()\n\n Two.');
    expect(placed.text.slice(placed.cursor)).toBe(' Two.');
    const [first, second] = placed.placeholders;
    expect(removePlaceholder(removePlaceholder(placed.text, first!)!.text, second!)?.text).toBe(body);
  });

  test('When images go in at the end, then a new paragraph waits below them', () => {
    const placed = insertPlaceholders('End.', 4, 4, ['a.png']);

    expect(placed.text).toBe('End.\n\n![Uploading a.png…]()\n\n');
    expect(placed.cursor).toBe(placed.text.length);
    expect(removePlaceholder(placed.text, placed.placeholders[0]!)?.text).toBe('End.');
  });

  test('When a placeholder is taken out, then the body is as it was before it came', () => {
    const placeholder = { text: '[p]', before: '\n\n', after: '\n\n' };

    expect(removePlaceholder('One.\n\n[p]\n\n Two.', placeholder)?.text).toBe('One. Two.');
  });

  test('When the text around a placeholder was edited, then it goes with the blank line that set it apart', () => {
    // Line breaks around it that the writer has since changed.
    const placeholder = { text: '[p]', before: '\n\n\n', after: '\n\n\n' };

    expect(removePlaceholder('One\n\n[p]\n\nTwo', placeholder)?.text).toBe('One\n\nTwo');
    expect(removePlaceholder('[p]\n\nTwo', placeholder)?.text).toBe('Two');
    expect(removePlaceholder('One\n\n[p]\n\n', placeholder)?.text).toBe('One');
    expect(removePlaceholder('One\n\n[p]\n\n[q]\n\n', placeholder)?.text).toBe('One\n\n[q]\n\n');
    expect(removePlaceholder('Gone', placeholder)).toBeNull();
    expect(replaceOnce('Gone', '[p]', 'x')).toBeNull();
  });
});
