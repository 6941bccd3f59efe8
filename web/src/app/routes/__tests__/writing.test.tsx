import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';

import { seedArticle, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();
afterEach(() => {
  jest.restoreAllMocks();
});

/** The autosave waits a second's pause, then a request: a little longer than the default wait. */
const SAVED = { timeout: 4000 };

async function writeHalfAnArticle(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Title'), 'Half a thought');
  await user.type(screen.getByLabelText('What is it about?'), 'Something unfinished');
  await user.type(screen.getByLabelText('Article'), 'It begins');
}

describe('Writing: autosave, publishing and scheduling', () => {
  test('When a writer pauses in a new article, then it becomes a draft on the server and says Saved', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user, path } = renderApp('/editor', { user: ada });

    await writeHalfAnArticle(user);
    const textarea = screen.getByLabelText('Article');

    expect(await screen.findByText(/^Saved · /, {}, SAVED)).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/editor/half-a-thought'));
    expect(screen.getByLabelText('Article')).toBe(textarea);
    const draft = mockDb.articleBySlug('half-a-thought');
    expect(draft).toMatchObject({ status: 'draft', body: 'It begins' });
    await waitFor(() => expect(path()).toBe('/editor/half-a-thought'));
    expect(screen.getByLabelText('Article')).toHaveValue('It begins');
    expect(screen.getByLabelText('Article')).toHaveFocus();
  });

  test('When saving fails, then it says so and retries until the server has the draft', async () => {
    let refusals = 0;
    server.use(
      http.post('/articles', ({ response }) => {
        refusals += 1;
        return refusals === 1 ? response(503).json({ errors: { server: ['unavailable'] } }) : undefined;
      }),
    );
    const { user } = renderApp('/editor', { user: seedUser() });

    await writeHalfAnArticle(user);

    expect(await screen.findByText('Not saved — retrying', {}, SAVED)).toBeInTheDocument();
    expect(await screen.findByText(/^Saved · /, {}, { timeout: 6000 })).toBeInTheDocument();
    expect(refusals).toBe(2);
    expect(mockDb.articleBySlug('half-a-thought')?.status).toBe('draft');
  }, 15_000);

  test('When the page is reloaded before the server had the work, then the local copy is restored', async () => {
    const ada = seedUser({ username: 'ada' });
    const first = renderApp('/editor', { user: ada });
    await first.user.type(await screen.findByLabelText('Title'), 'Only on this device');
    first.unmount();

    renderApp('/editor', { user: ada });

    expect(await screen.findByLabelText('Title')).toHaveValue('Only on this device');
    expect(screen.getByText('Your unsaved changes from this device were restored.')).toBeInTheDocument();
  });

  test('When a published article was edited but not updated, then reopening it restores the edit, not the server copy', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada, title: 'Published piece', body: 'Server text' });
    const first = renderApp(`/editor/${article.slug}`, { user: ada });
    const body = await screen.findByLabelText('Article');
    await first.user.clear(body);
    await first.user.type(body, 'Better text');
    first.unmount();

    renderApp(`/editor/${article.slug}`, { user: ada });

    expect(await screen.findByLabelText('Article')).toHaveValue('Better text');
    expect(mockDb.articleBySlug(article.slug)?.body).toBe('Server text');
  });

  test('When a writer leaves with unsaved changes, then they are asked, and staying keeps the editor', async () => {
    const { user, path } = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
    await user.type(await screen.findByLabelText('Title'), 'Not yet saved');
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);

    await user.click(screen.getByRole('link', { name: 'Settings' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(path()).toBe('/editor');
    expect(screen.getByLabelText('Title')).toHaveValue('Not yet saved');

    await user.click(screen.getByRole('link', { name: 'Settings' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(path()).toBe('/settings'));
  });

  test('When a writer goes Back with unsaved changes and stays, then the address and the work stay', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user, path, back } = renderApp('/settings', { user: ada });
    await user.click(await screen.findByRole('link', { name: 'Write' }));
    await user.type(await screen.findByLabelText('Title'), 'Stay with me');
    jest.spyOn(window, 'confirm').mockReturnValue(false);

    back();

    expect(path()).toBe('/editor');
    expect(screen.getByLabelText('Title')).toHaveValue('Stay with me');
  });

  test('When a writer publishes a new article, then it is published now and they see it', async () => {
    const { user, path } = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
    await writeHalfAnArticle(user);

    await user.click(screen.getByRole('button', { name: 'Publish' }));

    expect(await screen.findByRole('heading', { name: 'Half a thought', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/article/half-a-thought');
    const article = mockDb.articleBySlug('half-a-thought');
    expect(article?.status).toBe('published');
    expect(article?.publishedAt).not.toBeNull();
  });

  test('When a writer schedules a draft, then it gets that time, shows it, and can go back to a draft', async () => {
    const ada = seedUser({ username: 'ada' });
    const draft = seedArticle({ author: ada, title: 'For tomorrow', status: 'draft' });
    const { user } = renderApp(`/editor/${draft.slug}`, { user: ada });
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setSeconds(0, 0);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

    await user.click(await screen.findByRole('button', { name: 'Schedule…' }));
    fireEvent.change(screen.getByLabelText(/^Publish on/, { selector: 'input' }), { target: { value: local } });
    await user.click(screen.getByRole('button', { name: 'Schedule' }));

    expect(await screen.findByText(/^Scheduled for/)).toBeInTheDocument();
    expect(mockDb.articleBySlug(draft.slug)).toMatchObject({
      status: 'published',
      publishedAt: tomorrow.toISOString(),
    });

    await user.click(screen.getByRole('button', { name: 'Unschedule' }));

    expect(await screen.findByRole('button', { name: 'Publish' })).toBeInTheDocument();
    expect(mockDb.articleBySlug(draft.slug)?.status).toBe('draft');
  });

  test('When a time in the past is chosen, then scheduling explains and sends nothing', async () => {
    const ada = seedUser({ username: 'ada' });
    const draft = seedArticle({ author: ada, status: 'draft' });
    const { user } = renderApp(`/editor/${draft.slug}`, { user: ada });

    await user.click(await screen.findByRole('button', { name: 'Schedule…' }));
    fireEvent.change(screen.getByLabelText(/^Publish on/, { selector: 'input' }), {
      target: { value: '2020-01-01T10:00' },
    });
    await user.click(screen.getByRole('button', { name: 'Schedule' }));

    expect(screen.getByText('Choose a time in the future.')).toBeInTheDocument();
    expect(mockDb.articleBySlug(draft.slug)?.status).toBe('draft');
  });

  test('When Publish is pressed while the first save is on its way, then the draft is published, not made twice', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let creations = 0;
    server.use(
      http.post('/articles', async () => {
        creations += 1;
        await held;
        return undefined;
      }),
    );
    const { user, path } = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
    await writeHalfAnArticle(user);
    expect(await screen.findByText('Saving…', {}, SAVED)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    release();

    expect(await screen.findByRole('heading', { name: 'Half a thought', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/article/half-a-thought');
    expect(creations).toBe(1);
    expect(mockDb.allArticles()).toHaveLength(1);
    expect(mockDb.articleBySlug('half-a-thought')?.status).toBe('published');
  });

  test('When the writer leaves while the first save is on its way, then its answer does not take them back', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.post('/articles', async () => {
        await held;
        return undefined;
      }),
    );
    const { user, path } = renderApp('/editor', { user: seedUser({ username: 'ada' }) });
    await writeHalfAnArticle(user);
    expect(await screen.findByText('Saving…', {}, SAVED)).toBeInTheDocument();
    jest.spyOn(window, 'confirm').mockReturnValue(true);

    await user.click(screen.getByRole('link', { name: 'Settings' }));
    await waitFor(() => expect(path()).toBe('/settings'));
    release();

    await waitFor(() => expect(mockDb.articleBySlug('half-a-thought')?.status).toBe('draft'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(path()).toBe('/settings');
  });
});
