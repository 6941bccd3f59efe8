import { describe, expect, test } from '@jest/globals';

import { renderMarkdown } from './markdown';

function render(markdown: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = renderMarkdown(markdown);
  return root;
}

function attributes(root: HTMLElement): { name: string; value: string }[] {
  return Array.from(root.querySelectorAll('*')).flatMap((element) =>
    Array.from(element.attributes).map(({ name, value }) => ({ name, value })),
  );
}

describe('renderMarkdown', () => {
  test.each([
    ['an image with an error handler', '<img src=x onerror=alert(1)>'],
    ['a script block', '<script>alert(1)</script>'],
    ['an svg with onload', '<svg onload=alert(1)><circle r=1 /></svg>'],
    ['a raw link with onclick', '<a href="#" onclick="alert(1)">x</a>'],
    ['an event handler in a details element', '<details open ontoggle=alert(1)>x</details>'],
  ])('When the body contains %s, then it is shown as text and no element or handler is created', (_, html) => {
    const root = render(`Before\n\n${html}\n\nAfter`);

    expect(root.textContent).toContain(html);
    expect(root.querySelector('script, img, svg, details')).toBeNull();
    expect(attributes(root).filter(({ name }) => name.startsWith('on'))).toEqual([]);
  });

  test.each([
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x]( javascript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:alert(1)>',
  ])('When a link points at %s, then it has no href', (markdown) => {
    const root = render(markdown);

    for (const { name, value } of attributes(root)) {
      expect(`${name}=${value}`).not.toMatch(/javascript:|vbscript:|data:/i);
    }
  });

  test('When an image points at a script URL, then the image is dropped', () => {
    const root = render('![x](javascript:alert(1))');

    expect(root.querySelector('img')).toBeNull();
  });

  test('When a link points at an http(s) page, then it keeps its address and opens without handing over the page', () => {
    const link = render('[docs](https://example.org/docs)').querySelector('a');

    expect(link).toHaveAttribute('href', 'https://example.org/docs');
    expect(link).toHaveAttribute('rel', 'nofollow ugc noopener noreferrer');
  });

  test('When the body starts its sections at ##, then they become h2 under the page title; deeper ones follow', () => {
    const root = render('## Part\n\n### Detail');

    expect(root.querySelector('h2')).toHaveTextContent('Part');
    expect(root.querySelector('h3')).toHaveTextContent('Detail');
    expect(root.querySelector('h1')).toBeNull();
  });

  test('When the body uses # headings, then they also become h2, never a second h1', () => {
    const root = render('# Big\n\n## Smaller');

    expect(root.querySelector('h1')).toBeNull();
    expect(root.querySelector('h2')).toHaveTextContent('Big');
    expect(root.querySelector('h3')).toHaveTextContent('Smaller');
  });

  test('When an image carries upload hints, then it gets its size, a srcset of its variants and lazy loading', () => {
    const img = render('![harbour](https://cdn.example/a/h.webp#w=1600&h=900&v=320,640)').querySelector('img');

    expect(img).toHaveAttribute('src', 'https://cdn.example/a/h.webp');
    expect(img).toHaveAttribute('width', '1600');
    expect(img).toHaveAttribute('height', '900');
    expect(img).toHaveAttribute(
      'srcset',
      'https://cdn.example/a/h-320.webp 320w, https://cdn.example/a/h-640.webp 640w, https://cdn.example/a/h.webp 1600w',
    );
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img).toHaveAttribute('alt', 'harbour');
  });

  test('When an image has a srcset of its own in raw HTML, then it is not trusted', () => {
    const root = render('<img src="https://ok.example/a.png" srcset="javascript:alert(1) 1x">');

    expect(root.querySelector('[srcset]')).toBeNull();
  });
});
