import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

import { getSession } from '@/lib/session';
import { seedArticle, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { pngBytes } from '@/testing/mocks/test-client';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

describe('Settings', () => {
  test('When a user changes their bio and name, then the answer is saved and the header shows the new name', async () => {
    const ada = seedUser({ username: 'ada', bio: 'Old bio' });
    const { user } = renderApp('/settings', { user: ada });

    const bio = await screen.findByLabelText('Bio');
    expect(bio).toHaveValue('Old bio');
    await user.clear(bio);
    await user.type(bio, 'Writes about engines.');
    await user.clear(screen.getByLabelText('Username'));
    await user.type(screen.getByLabelText('Username'), 'ada_l');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Your settings are saved.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'ada_l' })).toHaveAttribute('href', '/profile/ada_l');
    expect(mockDb.userByUsername('ada_l')?.bio).toBe('Writes about engines.');
    expect(getSession()?.username).toBe('ada_l');
  });

  test('When the new email belongs to someone else, then the email field says so', async () => {
    seedUser({ email: 'taken@inkwell.test' });
    const { user } = renderApp('/settings', { user: seedUser({ username: 'ada' }) });

    const email = await screen.findByLabelText('Email');
    await user.clear(email);
    await user.type(email, 'taken@inkwell.test');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText(/email has already been taken/i)).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
  });

  test('When a new profile picture is uploaded and saved, then the small variant becomes the avatar', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user } = renderApp('/settings', { user: ada });

    const picture = new File([pngBytes(1000, 1000)], 'me.png', { type: 'image/png' });
    await user.upload(await screen.findByLabelText('Replace profile picture'), picture);
    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
    expect(screen.getByRole('img', { name: 'Preview of the profile picture' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Your settings are saved.');
    expect(mockDb.userByUsername('ada')?.image).toMatch(
      /^http:\/\/localhost\/mock-assets\/uploads\/[0-9a-f-]+-320\.webp$/,
    );
    expect(getSession()?.image).toBe(mockDb.userByUsername('ada')?.image);
  });
});

describe('Profile', () => {
  test('When a profile opens, then it shows the bio and the articles they wrote; the favorites tab shows their favorites', async () => {
    const ada = seedUser({ username: 'ada', bio: 'Writes about engines.' });
    const grace = seedUser({ username: 'grace' });
    seedArticle({ author: ada, title: 'Written by ada' });
    seedArticle({ author: grace, title: 'Loved by ada', favoritedBy: [ada] });
    const { user, path } = renderApp('/profile/ada');

    expect(await screen.findByRole('heading', { name: 'ada', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Writes about engines.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Written by ada' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Loved by ada' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Favorites' }));

    expect(await screen.findByRole('heading', { name: 'Loved by ada' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Written by ada' })).not.toBeInTheDocument());
    expect(path()).toBe('/profile/ada/favorites');
  });

  test('When a user opens their own profile, then it offers their settings instead of a follow button', async () => {
    const ada = seedUser({ username: 'ada' });

    renderApp('/profile/ada', { user: ada });

    expect(await screen.findByRole('link', { name: 'Edit profile' })).toHaveAttribute('href', '/settings');
    expect(screen.queryByRole('button', { name: /follow/i })).not.toBeInTheDocument();
    expect(await screen.findByText('You have not published anything yet')).toBeInTheDocument();
  });

  test('When the user does not exist, then a 404 page says so', async () => {
    renderApp('/profile/nobody-here');

    expect(await screen.findByRole('heading', { name: 'Profile not found', level: 1 })).toBeInTheDocument();
  });
});

describe('Search', () => {
  test('When words are searched from the header, then the matching articles and their number are shown', async () => {
    const author = seedUser();
    seedArticle({ author, title: 'Training dragons', body: 'Dragons need patience.' });
    seedArticle({ author, title: 'Night trains', body: 'Sleeper carriages.' });
    const { user, path } = renderApp('/');

    await user.type(await screen.findByRole('searchbox', { name: 'Search articles' }), 'dragons{Enter}');

    expect(await screen.findByRole('heading', { name: 'Results for “dragons”', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/search?q=dragons');
    expect(await screen.findByRole('heading', { name: 'Training dragons' })).toBeInTheDocument();
    expect(screen.getByText('1 article found')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Night trains' })).not.toBeInTheDocument();
  });

  test('When nothing matches, then the page says so and suggests what to try', async () => {
    seedArticle({ title: 'Training dragons' });

    renderApp('/search?q=submarines');

    expect(await screen.findByText('Nothing matches “submarines”')).toBeInTheDocument();
    expect(screen.getByText('Try fewer words, another spelling, or a broader term.')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search articles' })).toHaveValue('submarines');
  });
});
