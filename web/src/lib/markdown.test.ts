import { describe, expect, test } from '@jest/globals';

import { renderMarkdown } from './markdown';
import { checkRenderedHtml } from './markdown-checked';

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

  test('When an image stands alone in its paragraph with a title, then it is a figure captioned by the title', () => {
    const root = render(
      'Before.\n\n![A quiet harbour](https://cdn.example/h.webp "The harbour at *dawn* & after")\n\nAfter.',
    );

    const figure = root.querySelector('figure');
    expect(figure?.querySelector('img')).toHaveAttribute('alt', 'A quiet harbour');
    expect(figure?.querySelector('img')).not.toHaveAttribute('title');
    expect(figure?.querySelector('figcaption')).toHaveTextContent('The harbour at *dawn* & after');
    expect(root.querySelectorAll('p')).toHaveLength(2);
  });

  test.each([
    ['without a title', '![A harbour](https://cdn.example/h.webp)'],
    ['beside text', 'See ![A harbour](https://cdn.example/h.webp "Caption") here.'],
    ['with a URL not kept', '![A harbour](javascript:alert(1) "Caption")'],
  ])('When an image is %s, then it is no figure', (_, markdown) => {
    expect(render(markdown).querySelector('figure, figcaption')).toBeNull();
  });

  test("When an image's plain URL is among the article's images, then its record gives its size and srcset", () => {
    const images = [
      {
        url: 'https://cdn.example/a/h.webp',
        width: 1200,
        height: 800,
        variants: [{ width: 640, url: 'https://cdn.example/a/h-640.webp' }],
      },
    ];
    const root = document.createElement('div');
    root.innerHTML = renderMarkdown('![harbour](https://cdn.example/a/h.webp "Caption")', images);

    const img = root.querySelector('figure img');
    expect(img).toHaveAttribute('src', 'https://cdn.example/a/h.webp');
    expect(img).toHaveAttribute('width', '1200');
    expect(img).toHaveAttribute('height', '800');
    expect(img).toHaveAttribute('srcset', 'https://cdn.example/a/h-640.webp 640w, https://cdn.example/a/h.webp 1200w');
  });

  test('When an image has a srcset of its own in raw HTML, then it is not trusted', () => {
    const root = render('<img src="https://ok.example/a.png" srcset="javascript:alert(1) 1x">');

    expect(root.querySelector('[srcset]')).toBeNull();
  });
});

/** Markdown of every kind the renderer produces, and hostile input of every kind it must disarm. */
const CORPUS = [
  '# Title\n\n## Part\n\n### Detail\n\n#### Deeper\n\nText with **bold**, _em_, ~~gone~~, `code` and a line  \nbreak.',
  '- one\n- two\n  - nested\n\n1. first\n2. second\n\n3. third\n\n5) five\n6) six',
  '- [x] done\n- [ ] to do',
  '> quoted\n> > twice\n\n---\n\n***',
  '```js\nconst a = "<b>" && 1;\n```\n\n    indented <code>\n\n~~~\nplain\n~~~',
  '| left | centre | right |\n|:-----|:------:|------:|\n| a | **b** | `c` |',
  '[site](https://example.org "A title") [mail](mailto:ada@example.org) [here](/article/x) [anchor](#top) <https://auto.example> www.gfm.example',
  '[rel](relative/path) [proto](//other.example) [entity](/&#47;other.example) [amp](/a?b=1&amp;c=2) [space](</a b>)',
  '![cover](https://cdn.example/a.webp#w=1600&h=900&v=320,640 "Caption") ![plain](/img.png) ![bad](relative.png)',
  '![comma](https://cdn.example/a,b.webp#w=1600&h=900&v=320) ![alt & <b>](https://cdn.example/x.png "t &amp; t")',
  'AT&amp;T & <b>bold</b> &copy; &#169; &#x1F600; \\<escaped\\>',
  '<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n<div onclick="alert(3)">block</div>',
  '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [z](&#106;avascript:alert(3)) [w]( javascript:alert(4)) [v](vbscript:x) [d](data:text/html,x)',
  '![i](javascript:alert(1)) ![j](data:image/svg+xml,<svg onload=alert(1)>) <javascript:alert(5)>',
  '[t](https://ok.example "\\"><script>alert(1)</script>") ![u](https://ok.example/i.png "\\" onerror=\\"alert(1)")',
  'Footnote-ish[^1] and html entities &lt;script&gt; and a [ref link][r]\n\n[r]: https://ref.example "Ref"',
  '\u2028 line separator \u2029 paragraph separator <!-- comment -->',
  '![a --> b](https://ok.example/i.png "x ]> y") [c](https://ok.example "</textarea>") ![d](/e.png "</TITLE")',
  '![figure](https://cdn.example/f.webp#w=1600&h=900&v=320 "A caption with <b>, &amp; and </script>")',
  '![](https://cdn.example/decorative.webp "Decorative, captioned")\n\n![x](javascript:alert(1) "dropped")',
];

describe('the two layers agree', () => {
  test.each(CORPUS)('When the body is %j, then DOMPurify leaves the rendered HTML exactly as it is', (markdown) => {
    const html = renderMarkdown(markdown);

    expect(checkRenderedHtml(html)).toBe(html);
  });

  test('When the HTML holds what the renderer never writes, then DOMPurify cleans it instead', () => {
    const unsafe = '<p><a href="javascript:alert(1)">x</a><img src="x" onerror="alert(2)"><input></p>';

    const checked = checkRenderedHtml(unsafe);

    expect(checked).not.toBe(unsafe);
    expect(checked).not.toMatch(/javascript:|onerror|<input/);
  });
});
