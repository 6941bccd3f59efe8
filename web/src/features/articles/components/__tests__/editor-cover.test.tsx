import { describe, expect, test } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';

import { seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { pngBytes } from '@/testing/mocks/test-client';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** jsdom lays nothing out: the picture is given a box, 400×300 at the page's top left. */
function giveBox(element: Element) {
  element.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 400, height: 300 });
}

async function editorWithCover() {
  const app = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
  // The editor's code loads on demand: slow on a busy machine.
  const choose = await screen.findByLabelText('Choose cover image', {}, { timeout: 4000 });
  await app.user.upload(choose, new File([pngBytes(1200, 900)], 'cover.png', { type: 'image/png' }));
  const picker = await screen.findByRole('slider', { name: 'Focal point' });
  return { ...app, picker };
}

describe('Editor: the cover and its focal point', () => {
  test('When a cover is chosen, then its focal point starts in the centre and the arrow keys move it', async () => {
    const { user, picker } = await editorWithCover();
    expect(picker).toHaveAttribute('aria-valuetext', '50% from the left, 50% from the top');
    expect(picker).toHaveAccessibleDescription(/stays in view when cards and the article page crop it/);

    picker.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowUp}{ArrowUp}');

    expect(picker).toHaveAttribute('aria-valuetext', '65% from the left, 40% from the top');
    expect(picker).toHaveAttribute('aria-valuenow', '65');
    expect(screen.getByRole('img', { name: 'Preview of the cover image' })).toHaveClass('focus-x-65', 'focus-y-40');
  });

  test('When the writer clicks the picture, then the focal point is where they clicked, and publishing keeps it for the card and the page', async () => {
    const { user, picker } = await editorWithCover();
    giveBox(picker);

    // jsdom has no PointerEvent: a mouse event of that name carries the coordinates.
    fireEvent(picker, new MouseEvent('pointerdown', { bubbles: true, clientX: 100, clientY: 225 }));

    expect(picker).toHaveAttribute('aria-valuetext', '25% from the left, 75% from the top');
    for (const [label, text] of [
      ['Title', 'Harbour'],
      ['What is it about?', 'Boats'],
      ['Article', 'Text.'],
    ] as const) {
      await user.click(screen.getByLabelText(label));
      await user.paste(text);
    }
    await user.click(screen.getByRole('button', { name: 'Publish' }));

    await screen.findByRole('heading', { name: 'Harbour', level: 1 });
    expect(mockDb.articleBySlug('harbour')?.coverImageFocalPoint).toEqual({ x: 0.25, y: 0.75 });
    const cover = document.querySelector('.cover--hero img');
    expect(cover).toHaveClass('focus-x-25', 'focus-y-75');

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Home' }));
    const card = (await screen.findByRole('link', { name: 'Harbour' })).closest('article');
    expect(card?.querySelector('.cover img')).toHaveClass('focus-x-25', 'focus-y-75');
  }, 15_000);
});
