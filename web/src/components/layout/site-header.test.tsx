import { afterEach, describe, expect, test } from '@jest/globals';
import { act, fireEvent, screen } from '@testing-library/react';

import { seedUser } from '@/testing/factories';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** The page scrolled to `y`, as the browser reports it (jsdom has no layout of its own). */
function scrollPageTo(y: number): void {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  fireEvent.scroll(window);
}

afterEach(() => {
  Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
});

async function openHome() {
  const app = renderApp('/', { user: seedUser({ username: 'grace' }) });
  // The first render of a file loads the route's code: longer than a usual wait on a busy machine.
  await screen.findByRole('link', { name: 'grace' }, { timeout: 5000 });
  return { ...app, header: screen.getByRole('banner') };
}

describe('The header while reading', () => {
  test('When the reader scrolls down, then it slides away; a little way up, then it is back', async () => {
    const { header } = await openHome();

    scrollPageTo(600);
    expect(header).toHaveClass('site-header--away');
    scrollPageTo(604); // a finger's jitter changes nothing
    expect(header).toHaveClass('site-header--away');
    scrollPageTo(560);
    expect(header).not.toHaveClass('site-header--away');
  });

  test('When the reader is back at the top, then it shows, whichever way they came', async () => {
    const { header } = await openHome();

    scrollPageTo(900);
    expect(header).toHaveClass('site-header--away');
    scrollPageTo(0);
    expect(header).not.toHaveClass('site-header--away');
  });

  test('When the focus is inside it, then scrolling down leaves it in view', async () => {
    const { header } = await openHome();

    act(() => screen.getByRole('searchbox', { name: 'Search articles' }).focus());
    scrollPageTo(800);

    expect(header).not.toHaveClass('site-header--away');
  });

  test('When a keyboard user tabs into the header it had hidden, then it comes back', async () => {
    const { header, user } = await openHome();
    scrollPageTo(800);
    expect(header).toHaveClass('site-header--away');

    act(() => document.body.focus());
    await user.tab(); // the skip link
    await user.tab(); // the wordmark

    expect(screen.getByRole('link', { name: 'Inkwell, home' })).toHaveFocus();
    expect(header).not.toHaveClass('site-header--away');
  });
});
