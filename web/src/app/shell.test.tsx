// The shell index.html shows until the app has started, as the build renders it.
import { describe, expect, test } from '@jest/globals';

import { renderShell } from './shell';

function parse(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

describe('the prerendered shell', () => {
  test('When it is built, then it has the header, the footer and a loading page, and no navigation yet', () => {
    const shell = parse(renderShell());

    expect(shell.querySelector('header .wordmark')?.getAttribute('href')).toBe('/');
    expect(shell.querySelector('main#main [role="status"]')?.textContent).toBe('Loading…');
    expect(shell.querySelector('footer')).not.toBeNull();
    // Who is signed in is known only in the browser: no account link that could be the wrong one.
    expect(shell.querySelector('nav')).toBeNull();
    expect(shell.textContent).not.toMatch(/Sign in|Sign up|Settings/);
  });

  test('When the app has not started, then its search still works as a plain form and takes no typing it would lose', () => {
    const form = parse(renderShell()).querySelector('form[role="search"]');

    expect(form?.getAttribute('action')).toBe('/search');
    const input = form?.querySelector('input');
    expect(input?.name).toBe('q');
    expect(input?.readOnly).toBe(true);
  });

  test('When it is HTML, then it has no style attribute, which the CSP (style-src self) would refuse', () => {
    expect(renderShell()).not.toMatch(/\sstyle=/);
  });
});
