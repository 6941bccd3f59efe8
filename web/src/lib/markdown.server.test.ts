/** @jest-environment node */
// The Markdown renderer as the server runs it: no DOM anywhere, the output safe by itself.
import { describe, expect, test } from '@jest/globals';

import { renderMarkdown } from './markdown';

describe('renderMarkdown on the server', () => {
  test('When it runs, then there is no DOM to lean on', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
  });

  test.each([
    ['raw HTML with a handler', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a script block', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a javascript: link', '[x](javascript:alert(1))', '<p>x</p>'],
    ['a javascript: link written with a character reference', '[x](&#106;avascript:alert(1))', '<p>x</p>'],
    ['a javascript: link after a space', '[x](< javascript:alert(1)>)', '<p>x</p>'],
    ['a protocol-relative link hidden in a reference', '[x](/&#47;evil.example)', '<p>x</p>'],
    ['a javascript: image', '![x](javascript:alert(1))', '<p></p>'],
    ['an autolink to a script', '<javascript:alert(1)>', '<p>javascript:alert(1)</p>'],
  ])('When the body holds %s, then the HTML has no element or URL that could run it', (_, markdown, expected) => {
    const html = renderMarkdown(markdown);

    expect(html.trim()).toBe(expected.includes('<p>') ? expected : `<p>${expected}</p>`);
    expect(html).not.toMatch(/<(script|img|svg|iframe)\b|<[a-z][^>]*\son\w+=|="\s*javascript:/i);
  });

  test('When a title tries to leave its attribute, then it stays inside, escaped', () => {
    const html = renderMarkdown('[t](https://ok.example "\\" onmouseover=\\"alert(1)")');

    expect(html).toBe(
      '<p><a href="https://ok.example" title="&quot; onmouseover=&quot;alert(1)" rel="nofollow ugc noopener noreferrer">t</a></p>\n',
    );
  });

  test('When a title looks like the end of a script element, then it is left out, as the browser check would', () => {
    const html = renderMarkdown('[t](https://ok.example "</script><script>alert(1)")');

    expect(html).toBe('<p><a href="https://ok.example" rel="nofollow ugc noopener noreferrer">t</a></p>\n');
  });

  test('When an image carries upload hints, then the server writes its size, srcset and lazy loading itself', () => {
    const html = renderMarkdown('![harbour](https://cdn.example/a/h.webp#w=1600&h=900&v=320,640)');

    expect(html).toBe(
      '<p><img src="https://cdn.example/a/h.webp" alt="harbour" width="1600" height="900" ' +
        'srcset="https://cdn.example/a/h-320.webp 320w, https://cdn.example/a/h-640.webp 640w, https://cdn.example/a/h.webp 1600w" ' +
        'sizes="(min-width: 46rem) 42rem, calc(100vw - 2rem)" loading="lazy" decoding="async"></p>\n',
    );
  });

  test('When an image stands alone with a title, then the server writes the figure and its caption', () => {
    const html = renderMarkdown('![harbour](https://cdn.example/h.png "At <dawn>")');

    expect(html).toBe(
      '<figure><img src="https://cdn.example/h.png" alt="harbour" loading="lazy" decoding="async">' +
        '<figcaption>At &lt;dawn&gt;</figcaption></figure>\n',
    );
  });

  test('When a task list is written, then its boxes are marks, not form controls', () => {
    expect(renderMarkdown('- [x] done\n- [ ] to do')).not.toContain('<input');
  });
});
