import { ARTICLE_TITLE_MAX_LENGTH, TAG_MAX_LENGTH } from '@inkwell/rules';
import { describe, expect, test } from '@jest/globals';
import { screen } from '@testing-library/react';

import { seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

async function openEditor() {
  const app = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
  // The editor's code loads on demand: slow on a busy machine.
  await screen.findByLabelText('Title', {}, { timeout: 4000 });
  /** Puts `text` into the field labelled `label` at once, as a paste does. */
  const fill = async (label: string, text: string) => {
    await app.user.click(screen.getByLabelText(label));
    await app.user.paste(text);
  };
  return { ...app, fill };
}

describe('Editor: the contract checked before sending', () => {
  test('When fields break the limits, then publishing explains each beside its field, focuses the first and sends nothing', async () => {
    const { user, fill } = await openEditor();
    const longTitle = 'T'.repeat(ARTICLE_TITLE_MAX_LENGTH + 5);
    await fill('Title', longTitle);
    await fill('Article', 'Some text.');

    await user.click(screen.getByRole('button', { name: 'Publish' }));

    const title = screen.getByLabelText('Title');
    expect(title).toHaveValue(longTitle);
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription(
      'The title can be at most 200 characters long; it has 205. Shorten it a little.',
    );
    expect(title).toHaveFocus();
    const summary = screen.getByLabelText('What is it about?');
    expect(summary).toHaveAttribute('aria-invalid', 'true');
    expect(summary).toHaveAccessibleDescription(
      "One or two sentences, shown on the article's card. Say in a sentence or two what the article is about.",
    );
    expect(screen.getByLabelText('Article')).not.toHaveAttribute('aria-invalid');
    expect(mockDb.articleBySlug('t'.repeat(ARTICLE_TITLE_MAX_LENGTH + 5))).toBeNull();
  });

  test('When a problem is fixed, then its message goes at once', async () => {
    const { user, fill } = await openEditor();
    await fill('Article', 'Some text.');
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Title'), 'Fixed');

    expect(screen.getByLabelText('Title')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('Give the article a title.')).not.toBeInTheDocument();
    expect(screen.getByLabelText('What is it about?')).toHaveAttribute('aria-invalid', 'true');
  });

  test('When a tag is too long, then it stays in the box with the reason, and fits once shortened', async () => {
    const { user, fill } = await openEditor();
    const tag = 'x'.repeat(TAG_MAX_LENGTH + 2);
    await fill('Tags', tag);

    await user.keyboard('{Enter}');

    const box = screen.getByLabelText('Tags');
    expect(box).toHaveValue(tag);
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(
      `Press Enter or comma after each tag; up to 10. A tag can be at most ${TAG_MAX_LENGTH} characters long; this one has ${TAG_MAX_LENGTH + 2}. Shorten it to add it.`,
    );
    await user.keyboard('{Backspace}{Backspace}{Enter}');
    expect(box).toHaveValue('');
    expect(screen.getByRole('button', { name: `Remove tag ${'x'.repeat(TAG_MAX_LENGTH)}` })).toBeInTheDocument();
  });

  test('When an over-long tag is still in the box as the article is published, then publishing stops there', async () => {
    const { user, fill } = await openEditor();
    await fill('Title', 'Tagged');
    await fill('What is it about?', 'Tags');
    await fill('Article', 'Text.');
    const tag = 'y'.repeat(TAG_MAX_LENGTH + 1);
    await fill('Tags', tag);

    await user.click(screen.getByRole('button', { name: 'Publish' }));

    const box = screen.getByLabelText('Tags');
    expect(box).toHaveValue(tag);
    expect(box).toHaveFocus();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    // A draft may have been saved on a pause; it is not published.
    expect(mockDb.articleBySlug('tagged')?.status).not.toBe('published');
  });
});
