// The shell index.html shows until the app has started, as the build renders it.
import { describe, expect, test } from '@jest/globals';
import { screen } from '@testing-library/react';

import { renderApp, setUpMockApi } from '@/testing/render';

import { renderShell } from './shell';

setUpMockApi();

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

  test('When the app has not started, then its search box takes typing, and Enter searches as a plain form', () => {
    const form = parse(renderShell()).querySelector('form[role="search"]');

    expect(form?.getAttribute('action')).toBe('/search');
    const input = form?.querySelector('input');
    expect(input?.name).toBe('q');
    expect(input?.readOnly).toBe(false);
    expect(input?.hasAttribute('data-prerendered')).toBe(true);
  });

  test('When a visitor typed into the shell before the app started, then the app keeps the text and the focus', async () => {
    const shell = parse(renderShell());
    document.body.append(shell);
    const typed = shell.querySelector('input') as HTMLInputElement;
    typed.value = 'drag';
    typed.focus();
    typed.setSelectionRange(2, 4);

    renderApp('/');
    shell.remove(); // as the app's first commit does in a browser, where the shell is its root's content
    const box = await screen.findByRole('searchbox', { name: 'Search articles' });

    expect(box).toHaveValue('drag');
    expect(box).toHaveFocus();
    expect([(box as HTMLInputElement).selectionStart, (box as HTMLInputElement).selectionEnd]).toEqual([2, 4]);
  });

  test('When it is HTML, then it has no style attribute, which the CSP (style-src self) would refuse', () => {
    expect(renderShell()).not.toMatch(/\sstyle=/);
  });
});
