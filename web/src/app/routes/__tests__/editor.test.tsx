import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { seedArticle, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { pngBytes } from '@/testing/mocks/test-client';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

function png(name: string, width: number, height: number): File {
  return new File([pngBytes(width, height)], name, { type: 'image/png' });
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('Editor', () => {
  test('When an author publishes a new article with tags, then they see it on its own page', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user, path } = renderApp('/editor', { user: ada });

    await user.type(await screen.findByLabelText('Title'), 'How to train your dragon');
    await user.type(screen.getByLabelText('What is it about?'), 'Ever wonder how?');
    await user.type(screen.getByLabelText('Article'), 'Very **carefully**.');
    await user.type(screen.getByLabelText('Tags'), 'training{Enter}dragons,');
    expect(within(screen.getByRole('list', { name: 'Chosen tags' })).getAllByRole('listitem')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Publish' }));

    expect(await screen.findByRole('heading', { name: 'How to train your dragon', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/article/how-to-train-your-dragon');
    expect(await screen.findByText('carefully')).toHaveProperty('tagName', 'STRONG');
    expect(mockDb.articleBySlug('how-to-train-your-dragon')?.tagList).toEqual(['dragons', 'training']);
  });

  test('When the title is left empty, then publishing says so beside the title, moves there and sends nothing', async () => {
    const { user } = renderApp('/editor', { user: seedUser() });

    await user.type(await screen.findByLabelText('What is it about?'), 'Something');
    await user.type(screen.getByLabelText('Article'), 'Body text');
    await user.click(screen.getByRole('button', { name: 'Publish' }));

    const title = screen.getByLabelText('Title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Give the article a title.');
    expect(title).toHaveFocus();
    expect(mockDb.articleBySlug('something')).toBeNull();
  });

  test('When an author edits their article, then the form starts from it and saving follows the new slug', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({
      author: ada,
      title: 'First title',
      description: 'About it',
      body: 'Old body',
      tagList: ['one'],
    });
    const { user, path } = renderApp(`/editor/${article.slug}`, { user: ada });

    const title = await screen.findByLabelText('Title');
    expect(title).toHaveValue('First title');
    expect(screen.getByLabelText('Article')).toHaveValue('Old body');
    expect(screen.getByRole('button', { name: 'Remove tag one' })).toBeInTheDocument();
    await user.clear(title);
    await user.type(title, 'Second title');
    await user.click(screen.getByRole('button', { name: 'Update' }));

    expect(await screen.findByRole('heading', { name: 'Second title', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/article/second-title');
  });

  test("When someone opens the editor for another author's article, then it explains that only the author can edit", async () => {
    const article = seedArticle({ author: seedUser({ username: 'ada' }), title: 'Not yours' });

    renderApp(`/editor/${article.slug}`, { user: seedUser({ username: 'grace' }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('Only its author can edit this article');
    expect(screen.queryByRole('button', { name: 'Update' })).not.toBeInTheDocument();
  });

  test('When a cover image is chosen, then a progress bar shows while it uploads, then its preview, and publishing keeps it', async () => {
    const held = gate();
    server.use(
      http.post('/assets', async () => {
        await held.opened;
        return undefined;
      }),
    );
    const { user } = renderApp('/editor', { user: seedUser() });

    await user.upload(await screen.findByLabelText('Choose cover image'), png('harbour.png', 1600, 900));

    const bar = await screen.findByRole('progressbar', { name: 'Uploading cover image' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByRole('button', { name: 'Cancel upload' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Preview of the cover image' })).toHaveAttribute(
      'src',
      expect.stringMatching(/^blob:/),
    );
    held.open();
    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Replace cover image')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove cover image' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Title'), 'With a cover');
    await user.type(screen.getByLabelText('What is it about?'), 'Pictures');
    await user.type(screen.getByLabelText('Article'), 'Text');
    await user.click(screen.getByRole('button', { name: 'Publish' }));

    await screen.findByRole('heading', { name: 'With a cover', level: 1 });
    const cover = mockDb.articleBySlug('with-a-cover')?.coverImage ?? '';
    expect(cover).toMatch(
      /^http:\/\/localhost\/mock-assets\/uploads\/[0-9a-f-]+\.webp#w=1600&h=900&v=320,640,960,1280$/,
    );
  });

  test('When an image is inserted into the body, then its Markdown goes where the cursor was, on its own lines', async () => {
    const { user } = renderApp('/editor', { user: seedUser() });
    const body = (await screen.findByLabelText('Article')) as HTMLTextAreaElement;
    await user.type(body, 'Before.After.');
    body.setSelectionRange('Before.'.length, 'Before.'.length);

    await user.click(screen.getByRole('button', { name: 'Insert image' }));
    await user.upload(screen.getByLabelText('Image to insert into the article'), png('quiet-harbour.png', 640, 480));
    const dialog = await screen.findByRole('dialog', { name: 'Describe the image' });
    await user.type(within(dialog).getByLabelText('Alt text'), 'A quiet harbour at dawn');
    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));

    await waitFor(() => expect(body.value).toContain('(http'));
    expect(body.value).toMatch(
      /^Before\.\n\n!\[A quiet harbour at dawn\]\(http:\/\/localhost\/mock-assets\/uploads\/[0-9a-f-]+\.webp\)\n\nAfter\.$/,
    );
    expect(body).toHaveFocus();
  });

  test('When the upload is refused as too large, then the message says what to do', async () => {
    server.use(
      http.post('/assets', ({ response }) => response(413).json({ errors: { file: ['is larger than 10 MiB'] } })),
    );
    const { user } = renderApp('/editor', { user: seedUser() });

    await user.upload(await screen.findByLabelText('Choose cover image'), png('huge.png', 64, 64));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'File is larger than 10 MiB. Choose a smaller file: images can be at most 10 MiB.',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Choose cover image')).toBeInTheDocument();
  });

  test('When a file that is not an image is chosen, then the browser explains without uploading it', async () => {
    renderApp('/editor', { user: seedUser() });
    const user = userEvent.setup({ applyAccept: false });

    await user.upload(
      await screen.findByLabelText('Choose cover image'),
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "“notes.txt” isn't an image Inkwell accepts. Choose a JPEG, PNG, WebP, AVIF or GIF file.",
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
