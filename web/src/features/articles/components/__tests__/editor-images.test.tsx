import { describe, expect, test } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';

import { seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { pngBytes } from '@/testing/mocks/test-client';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** An uploaded image's address in the mock, without any `#fragment`. */
const UPLOAD_URL = String.raw`http://localhost/mock-assets/uploads/[0-9a-f-]+\.webp`;

function png(name: string, width = 640, height = 480): File {
  return new File([pngBytes(width, height)], name, { type: 'image/png' });
}

/** Holds every upload until `open()`, so a test can act while images are on their way. */
function holdUploads() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  server.use(
    http.post('/assets', async () => {
      await opened;
      return undefined;
    }),
  );
  return { open };
}

async function openEditorWith(text: string, cursor: number) {
  const app = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
  // The editor's code loads on demand: slow on a busy machine.
  const body = (await screen.findByLabelText('Article', {}, { timeout: 4000 })) as HTMLTextAreaElement;
  await app.user.click(body);
  await app.user.paste(text);
  body.setSelectionRange(cursor, cursor);
  return { ...app, body };
}

function paste(target: HTMLElement, files: File[]) {
  fireEvent.paste(target, { clipboardData: { files, types: ['Files'] } });
}

describe('Editor: images in the body', () => {
  test('When an image is pasted, then a placeholder takes the cursor, the dialog asks for alt text and a caption, and the image lands there', async () => {
    const { user, body } = await openEditorWith('Before.After.', 'Before.'.length);

    paste(body, [png('IMG_2041.png')]);

    expect(body.value).toBe('Before.\n\n![Uploading IMG\\_2041.png…]()\n\nAfter.');
    const dialog = await screen.findByRole('dialog', { name: 'Describe the image' });
    const alt = within(dialog).getByLabelText('Alt text');
    expect(alt).toHaveValue('');
    expect(alt).toHaveFocus();
    await user.paste('Boats [three] in the harbour');
    await user.click(within(dialog).getByLabelText('Caption (optional)'));
    await user.paste('The "old" harbour at dawn');
    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));

    await waitFor(() => expect(body.value).not.toContain('Uploading'));
    expect(body.value).toMatch(
      new RegExp(
        String.raw`^Before\.\n\n!\[Boats \\\[three\\\] in the harbour\]\(${UPLOAD_URL} "The \\"old\\" harbour at dawn"\)\n\nAfter\.$`,
      ),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(body).toHaveFocus();
  });

  test('When the alt text is left empty, then the dialog explains, and only "Decorative" inserts an empty one', async () => {
    const { user, body } = await openEditorWith('Text.', 'Text.'.length);
    paste(body, [png('harbour.png')]);
    const dialog = await screen.findByRole('dialog', { name: 'Describe the image' });

    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));

    const alt = within(dialog).getByLabelText('Alt text');
    expect(alt).toHaveAttribute('aria-invalid', 'true');
    expect(alt).toHaveAccessibleDescription(expect.stringContaining('Describe the image, or tick “Decorative”'));
    expect(alt).toHaveFocus();
    await user.click(within(dialog).getByRole('checkbox', { name: /^Decorative/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));

    await waitFor(() => expect(body.value).toMatch(new RegExp(String.raw`^Text\.\n\n!\[\]\(${UPLOAD_URL}\)\n\n$`)));
  });

  test('When the dialog is cancelled with Esc, then the upload stops, the placeholder goes and writing goes on', async () => {
    holdUploads();
    const { user, body } = await openEditorWith('One.Two.', 'One.'.length);
    paste(body, [png('harbour.png')]);
    await screen.findByRole('dialog', { name: 'Describe the image' });

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(body.value).toBe('One.Two.');
    expect(body).toHaveFocus();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  test('When the writer types while the image uploads, then every keystroke stays and the image replaces its placeholder', async () => {
    const held = holdUploads();
    const { user, body } = await openEditorWith('Intro.', 'Intro.'.length);
    paste(body, [png('harbour.png')]);
    const dialog = await screen.findByRole('dialog', { name: 'Describe the image' });
    expect(within(dialog).getByRole('progressbar', { name: 'Uploading harbour.png' })).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Alt text'), 'The harbour');
    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));
    expect(body).toHaveFocus();
    expect(screen.getByRole('progressbar', { name: 'Uploading harbour.png' })).toBeInTheDocument();

    await user.keyboard('Still typing');
    held.open();

    await waitFor(() => expect(body.value).not.toContain('Uploading'));
    expect(body.value).toMatch(new RegExp(String.raw`^Intro\.\n\n!\[The harbour\]\(${UPLOAD_URL}\)\n\nStill typing$`));
    expect(body.selectionStart).toBe(body.value.length);
    await user.keyboard('!');
    expect(body.value.endsWith('Still typing!')).toBe(true);
  });

  test('When the upload fails, then the placeholder goes and a message says what happened', async () => {
    server.use(
      http.post('/assets', ({ response }) => response(413).json({ errors: { file: ['is larger than 10 MiB'] } })),
    );
    const { body } = await openEditorWith('Text.', 'Text.'.length);

    paste(body, [png('huge.png')]);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“huge.png” could not be uploaded. File is larger than 10 MiB. Choose a smaller file: images can be at most 10 MiB.',
    );
    expect(body.value).toBe('Text.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(body).toHaveFocus();
  });

  test('When several images are dropped at once, then each gets a placeholder and a dialog, in order', async () => {
    const { user, body } = await openEditorWith('Start.', 'Start.'.length);

    fireEvent.drop(body, { dataTransfer: { files: [png('a.png'), png('b.png')], types: ['Files'] } });

    expect(body.value).toBe('Start.\n\n![Uploading a.png…]()\n\n![Uploading b.png…]()\n\n');
    for (const alt of ['First picture', 'Second picture']) {
      const dialog = await screen.findByRole('dialog', { name: 'Describe the image' });
      await user.type(within(dialog).getByLabelText('Alt text'), alt);
      await user.click(within(dialog).getByRole('button', { name: 'Insert' }));
    }

    await waitFor(() => expect(body.value).not.toContain('Uploading'));
    expect(body.value).toMatch(
      new RegExp(
        String.raw`^Start\.\n\n!\[First picture\]\(${UPLOAD_URL}\)\n\n!\[Second picture\]\(${UPLOAD_URL}\)\n\n$`,
      ),
    );
    expect(body).toHaveFocus();
  });

  test('When a file that is not an image is pasted, then nothing is inserted and the message says why', async () => {
    const { body } = await openEditorWith('Text.', 'Text.'.length);

    paste(body, [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);

    expect(await screen.findByRole('alert')).toHaveTextContent("“notes.txt” isn't an image Inkwell accepts.");
    expect(body.value).toBe('Text.');
  });

  test('When a captioned image is published, then the article shows a figure with its caption, sized from its upload', async () => {
    const { user, body } = await openEditorWith('Text.', 'Text.'.length);
    await user.click(screen.getByLabelText('Title'));
    await user.paste('Harbour notes');
    await user.click(screen.getByLabelText('What is it about?'));
    await user.paste('Boats');
    paste(body, [png('harbour.png', 1200, 800)]);
    const dialog = await screen.findByRole('dialog', { name: 'Describe the image' });
    await user.type(within(dialog).getByLabelText('Alt text'), 'Three boats');
    await user.type(within(dialog).getByLabelText('Caption (optional)'), 'The harbour at dawn');
    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));
    await waitFor(() => expect(body.value).not.toContain('Uploading'));

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByRole('region', { name: 'Preview of the article as readers will see it' });
    expect(await within(preview).findByRole('figure')).toHaveTextContent('The harbour at dawn');
    await user.click(screen.getByRole('button', { name: 'Publish' }));

    await screen.findByRole('heading', { name: 'Harbour notes', level: 1 });
    const figure = await screen.findByRole('figure');
    const image = within(figure).getByRole('img', { name: 'Three boats' });
    expect(within(figure).getByText('The harbour at dawn').tagName).toBe('FIGCAPTION');
    expect(image.getAttribute('src')).toMatch(new RegExp(`^${UPLOAD_URL}$`));
    expect(image).toHaveAttribute('width', '1200');
    expect(image).toHaveAttribute('height', '800');
    expect(image).toHaveAttribute('srcset', expect.stringContaining(' 1200w'));
    expect(mockDb.articleBySlug('harbour-notes')?.body).not.toContain('#w=');
  }, 15_000);
});
