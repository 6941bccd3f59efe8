import { describe, expect, test } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';

import { seedArticle, seedUser } from '@/testing/factories';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** `count` articles by ada, tagged `essays`: ten to a page. */
function seedStories(count: number) {
  const author = seedUser({ username: 'ada' });
  for (let i = 1; i <= count; i++) seedArticle({ author, title: `Story ${i}`, tagList: ['essays'] });
}

describe('A list opened past its last page', () => {
  test('When the home page is opened at page 99 of 3, then it says there is no such page and links to the first and last', async () => {
    seedStories(25);

    const { user, path } = renderApp('/?page=99');

    // The first render of a file loads the route's code: longer than a usual wait on a busy machine.
    expect(await screen.findByText('There is no page 99', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText('No articles yet')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'the last page, 3' })).toHaveAttribute('href', '/?page=3');
    await user.click(screen.getByRole('link', { name: 'Go to page 1' }));
    await waitFor(() => expect(path()).toBe('/'));
    expect(await screen.findByRole('link', { name: 'Story 25' })).toBeInTheDocument();
  });

  test('When a tag, the following feed or a profile is opened past its end, then each offers its own first page', async () => {
    seedStories(3);
    const reader = seedUser({ username: 'reader', following: ['ada'] });

    const tag = renderApp('/?tag=essays&page=7');
    expect(await screen.findByText('There is no page 7')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to page 1' })).toHaveAttribute('href', '/?tag=essays');
    // One page only: there is no separate last page to offer.
    expect(screen.queryByRole('link', { name: /the last page/ })).not.toBeInTheDocument();
    tag.unmount();

    const feed = renderApp('/?feed=following&page=2', { user: reader });
    expect(await screen.findByText('There is no page 2')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to page 1' })).toHaveAttribute('href', '/?feed=following');
    feed.unmount();

    renderApp('/profile/ada?page=4');
    expect(await screen.findByText('There is no page 4')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to page 1' })).toHaveAttribute('href', '/profile/ada');
  });

  test('When there are no articles at all, then page 99 still says the list is empty', async () => {
    renderApp('/?page=99');

    expect(await screen.findByText('No articles yet')).toBeInTheDocument();
    expect(screen.queryByText(/There is no page/)).not.toBeInTheDocument();
  });
});
