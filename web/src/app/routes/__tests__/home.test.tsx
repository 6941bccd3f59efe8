import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

import { seedArticle, seedUser } from '@/testing/factories';
import { http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** Publishes `count` articles by one author, newest last, so "Story 1" is the oldest. */
function seedStories(count: number, options: { tagList?: string[] } = {}) {
  const author = seedUser({ username: 'ada' });
  for (let i = 1; i <= count; i++) {
    seedArticle({
      author,
      title: `Story ${i}`,
      tagList: options.tagList ?? ['essays'],
      createdAt: new Date(Date.UTC(2026, 0, i)).toISOString(),
    });
  }
  return author;
}

/** `GET /articles` answers 503 once, asking to be retried at once (`Retry-After: 0`). */
function unavailableOnce() {
  return http.get(
    '/articles',
    ({ response }) =>
      response(503).json(
        { errors: { database: ['is unavailable, retry later'] } },
        { headers: { 'Retry-After': '0' } },
      ),
    { once: true },
  );
}

describe('Home page', () => {
  test('When the home page opens, then it lists the newest articles as cards with popular tags and page links from articlesCount', async () => {
    seedStories(12);

    renderApp('/');

    const cards = await screen.findAllByRole('article');
    expect(cards).toHaveLength(10);
    expect(within(cards[0]!).getByRole('heading', { name: 'Story 12' })).toBeInTheDocument();
    expect(within(cards[0]!).getByRole('link', { name: 'ada' })).toHaveAttribute('href', '/profile/ada');
    const pages = screen.getByRole('navigation', { name: 'Article pages' });
    expect(within(pages).getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
    expect(within(pages).getByRole('link', { name: 'Page 2' })).toHaveAttribute('href', '/?page=2');
    const tags = await screen.findByRole('region', { name: 'Popular tags' });
    expect(within(tags).getByRole('link', { name: 'essays' })).toHaveAttribute('href', '/?tag=essays');
  });

  test('When the second page link is followed, then the older articles are shown', async () => {
    seedStories(12);
    const { user, path } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Page 2' }));

    expect(await screen.findByRole('heading', { name: 'Story 2' })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(path()).toBe('/?page=2');
  });

  test('When a tag is chosen, then only articles with that tag are listed under a tab naming it', async () => {
    const author = seedUser();
    seedArticle({ author, title: 'About dragons', tagList: ['dragons'] });
    seedArticle({ author, title: 'About trains', tagList: ['trains'] });
    const { user } = renderApp('/');

    const tags = await screen.findByRole('region', { name: 'Popular tags' });
    await user.click(await within(tags).findByRole('link', { name: 'dragons' }));

    expect(await screen.findByRole('link', { name: '#dragons' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'About trains' })).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { name: 'About dragons' })).toBeInTheDocument();
  });

  test('When a signed-in reader opens "Your feed", then only articles by authors they follow are listed', async () => {
    const followed = seedUser({ username: 'grace' });
    const other = seedUser({ username: 'olu' });
    seedArticle({ author: followed, title: 'From someone I follow' });
    seedArticle({ author: other, title: 'From a stranger' });
    const reader = seedUser({ following: [followed] });
    const { user } = renderApp('/', { user: reader });

    await user.click(await screen.findByRole('link', { name: 'Your feed' }));

    expect(await screen.findByRole('heading', { name: 'From someone I follow' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'From a stranger' })).not.toBeInTheDocument());
  });

  test('When nobody has published yet, then an empty state says so', async () => {
    renderApp('/');

    expect(await screen.findByText('No articles yet')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Article pages' })).not.toBeInTheDocument();
  });

  test('When the API is briefly unavailable, then the client asks again as Retry-After says and no error shows', async () => {
    seedStories(1);
    server.use(unavailableOnce());

    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Story 1' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  test('When the API stays unavailable, then the error says what to do and "Try again" loads the articles', async () => {
    seedStories(1);
    // The first answer and the client's two retries.
    server.use(unavailableOnce(), unavailableOnce(), unavailableOnce());
    const { user } = renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("The articles couldn't be loaded");
    expect(alert).toHaveTextContent('Inkwell is briefly unavailable. Try again in a minute.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'Story 1' })).toBeInTheDocument();
  });
});
