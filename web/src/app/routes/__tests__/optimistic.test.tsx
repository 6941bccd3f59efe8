import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

import { getSession } from '@/lib/session';
import { seedArticle, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** A promise the test resolves when it wants the held request to be answered. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const refusal = { errors: { server: ['internal error'] } };

describe('Favorite (optimistic)', () => {
  test('When a reader favorites an article, then the heart and count change before the server answers, and stay', async () => {
    const article = seedArticle({ title: 'Worth keeping', favoritedBy: [seedUser()] });
    const reader = seedUser({ username: 'grace' });
    const held = gate();
    server.use(
      http.post('/articles/{slug}/favorite', async () => {
        await held.opened;
        return undefined; // on to the real mock handler
      }),
    );
    const { user } = renderApp('/', { user: reader });

    const button = await screen.findByRole('button', { name: /favorite “worth keeping”/i });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await user.click(button);

    // The server has not answered yet.
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(button).toHaveAccessibleName('Favorite “Worth keeping”, 2 favorites');
    held.open();
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(button).toHaveTextContent('2');
    expect(mockDb.isFavorited(mockDb.userByUsername('grace')!.id, mockDb.articleBySlug(article.slug)!.id)).toBe(true);
  });

  test('When the server refuses the favorite, then the heart and count go back and a message says so', async () => {
    seedArticle({ title: 'Worth keeping' });
    const held = gate();
    server.use(
      http.post('/articles/{slug}/favorite', async ({ response }) => {
        await held.opened;
        return response(500).json(refusal);
      }),
    );
    const { user } = renderApp('/', { user: seedUser() });

    const button = await screen.findByRole('button', { name: /favorite “worth keeping”/i });
    await user.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(button).toHaveTextContent('1');
    held.open();

    await waitFor(() => expect(button).toHaveAttribute('aria-pressed', 'false'));
    expect(button).toHaveTextContent('0');
    expect(
      await screen.findByText(/couldn't favorite that article\. something went wrong on our side/i),
    ).toBeInTheDocument();
  });

  test('When the server answers 401 to an unfavorite, then the favorite comes back and the reader is asked to sign in again', async () => {
    const reader = seedUser({ username: 'grace' });
    const article = seedArticle({ title: 'Worth keeping', favoritedBy: [reader] });
    server.use(
      http.delete('/articles/{slug}/favorite', ({ response }) =>
        response(401).json({ errors: { token: ['is missing or invalid'] } }),
      ),
    );
    const { user } = renderApp(`/article/${article.slug}`, { user: reader });

    const [button] = await screen.findAllByRole('button', { name: /favorite “worth keeping”/i });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await user.click(button!);

    expect(await screen.findByText(/sign in again to continue/i)).toBeInTheDocument();
    // Signed out now, the control is a sign-in link again, showing the count from before.
    const link = (await screen.findAllByRole('link', { name: /sign in to favorite “worth keeping”/i }))[0]!;
    expect(link).toHaveTextContent('1');
    expect(getSession()).toBeNull();
  });
});

describe('Follow (optimistic)', () => {
  test('When a reader follows an author, then the button flips at once and the follow is stored', async () => {
    seedUser({ username: 'ada', bio: 'Engines.' });
    const reader = seedUser({ username: 'grace' });
    const held = gate();
    server.use(
      http.post('/profiles/{username}/follow', async () => {
        await held.opened;
        return undefined;
      }),
    );
    const { user } = renderApp('/profile/ada', { user: reader });

    await user.click(await screen.findByRole('button', { name: 'Follow ada' }));

    expect(screen.getByRole('button', { name: 'Unfollow ada' })).toBeDisabled();
    held.open();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Unfollow ada' })).toBeEnabled());
    expect(mockDb.isFollowing(mockDb.userByUsername('grace')!.id, mockDb.userByUsername('ada')!.id)).toBe(true);
  });

  test('When the server refuses the follow, then the button goes back to "Follow" and a message says so', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada, title: 'By ada' });
    const held = gate();
    server.use(
      http.post('/profiles/{username}/follow', async ({ response }) => {
        await held.opened;
        return response(500).json(refusal);
      }),
    );
    const { user } = renderApp(`/article/${article.slug}`, { user: seedUser({ username: 'grace' }) });

    await user.click(await screen.findByRole('button', { name: 'Follow ada' }));
    expect(screen.getByRole('button', { name: 'Unfollow ada' })).toBeInTheDocument();
    held.open();

    expect(await screen.findByRole('button', { name: 'Follow ada' })).toBeEnabled();
    const status = screen.getByRole('status');
    expect(within(status).getByText(/couldn't follow ada/i)).toBeInTheDocument();
  });
});
