import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

import { seedArticle, seedComment, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();
afterEach(() => {
  jest.restoreAllMocks();
});

describe("A writer's drafts, permanent links and moderation", () => {
  test('When a writer opens their profile, then Drafts and Scheduled list theirs, each opening the editor', async () => {
    const ada = seedUser({ username: 'ada' });
    const draft = seedArticle({ author: ada, title: 'Half done', status: 'draft' });
    const later = seedArticle({
      author: ada,
      title: 'Next week',
      publishedAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const { user, path } = renderApp('/profile/ada', { user: ada });

    await user.click(await screen.findByRole('link', { name: 'Drafts' }));
    const draftLink = await screen.findByRole('link', { name: 'Half done' });
    expect(draftLink).toHaveAttribute('href', `/editor/${draft.slug}`);
    expect(path()).toBe('/profile/ada/drafts');
    expect(screen.queryByRole('link', { name: 'Next week' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Scheduled' }));
    expect(await screen.findByRole('link', { name: 'Next week' })).toHaveAttribute('href', `/editor/${later.slug}`);
    expect(screen.getByText(/^Scheduled for/)).toBeInTheDocument();
  });

  test("When someone else opens a writer's profile, then there are no Drafts or Scheduled tabs, and the address shows articles", async () => {
    const ada = seedUser({ username: 'ada' });
    seedArticle({ author: ada, title: 'Secret draft', status: 'draft' });
    seedArticle({ author: ada, title: 'Out there' });

    renderApp('/profile/ada/drafts', { user: seedUser({ username: 'grace' }) });

    expect(await screen.findByRole('link', { name: 'Out there' })).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: "ada's articles" });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Articles', 'Favorites']);
    expect(screen.queryByText('Secret draft')).not.toBeInTheDocument();
  });

  test('When an article is opened at a former slug, then the address is replaced by the current one', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada, title: 'Old name' });
    const record = mockDb.articleBySlug(article.slug);
    if (!record) throw new Error('seeded article missing');
    const renamed = mockDb.updateArticle(record.id, { title: 'New name' });

    const { path } = renderApp(`/article/${article.slug}`);

    expect(await screen.findByRole('heading', { name: 'New name', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe(`/article/${renamed.slug}`));
  });

  test('When an article shows its date, then it is the publishing date, not the creation date', async () => {
    seedArticle({
      title: 'Written long before',
      createdAt: '2026-01-02T10:00:00.000Z',
      publishedAt: '2026-03-04T10:00:00.000Z',
    });

    renderApp('/');

    const card = (await screen.findByRole('link', { name: 'Written long before' })).closest('li');
    expect(within(card as HTMLElement).getByText('March 4, 2026')).toBeInTheDocument();
  });

  test("When an article's author deletes a stranger's comment, then it asks once and the comment goes", async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada });
    seedComment({ article, author: seedUser({ username: 'spammer' }), body: 'Buy cheap pills' });
    const { user } = renderApp(`/article/${article.slug}`, { user: ada });

    await user.click(await screen.findByRole('button', { name: /^Delete spammer's comment/ }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await waitFor(() => expect(screen.queryByText('Buy cheap pills')).not.toBeInTheDocument());
    const record = mockDb.articleBySlug(article.slug);
    expect(record && mockDb.listComments(record.id, { limit: 100, offset: 0 })).toEqual([]);
  });

  test("When a reader who is not the article's author sees others' comments, then there is no Delete", async () => {
    const article = seedArticle({ author: seedUser({ username: 'ada' }) });
    seedComment({ article, author: seedUser({ username: 'spammer' }), body: 'Buy cheap pills' });

    renderApp(`/article/${article.slug}`, { user: seedUser({ username: 'grace' }) });

    expect(await screen.findByText('Buy cheap pills')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
  });

  test('When a reader turns to the next page of a list, then the page scrolls to the top; Back leaves the scroll to the browser', async () => {
    for (let n = 0; n < 12; n++) seedArticle({ title: `Story ${n}` });
    const scroll = jest.spyOn(window, 'scrollTo');
    const { user, path, back } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Page 2' }));

    await waitFor(() => expect(path()).toBe('/?page=2'));
    expect(scroll.mock.calls).toContainEqual([{ top: 0 }]);
    scroll.mockClear();
    back();
    await waitFor(() => expect(path()).toBe('/'));
    expect(scroll).not.toHaveBeenCalled();
  });
});
