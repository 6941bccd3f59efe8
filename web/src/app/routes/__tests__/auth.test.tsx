import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

import { getSession } from '@/lib/session';
import { MOCK_PASSWORD, seedUser } from '@/testing/factories';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

describe('Signing in and out', () => {
  test.each(['/editor', '/editor/some-article', '/settings'])(
    'When a signed-out reader opens %s, then they are sent to sign in with a way back',
    async (url) => {
      const { path } = renderApp(url);

      expect(await screen.findByRole('heading', { name: 'Sign in', level: 1 })).toBeInTheDocument();
      expect(path()).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    },
  );

  test('When a reader signs in from the redirect, then they land on the page they wanted, signed in', async () => {
    seedUser({ username: 'ada', email: 'ada@inkwell.test' });
    const { user, path } = renderApp('/editor');
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });

    await user.type(screen.getByLabelText('Email'), 'ada@inkwell.test');
    await user.type(screen.getByLabelText('Password'), MOCK_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'New article', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/editor');
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'ada' }),
    ).toBeInTheDocument();
    expect(getSession()?.token).toBe('mock-token-ada');
  });

  test('When the password is wrong, then the form says the credentials are invalid and nobody is signed in', async () => {
    seedUser({ email: 'ada@inkwell.test' });
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText('Email'), 'ada@inkwell.test');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/email or password is invalid/i);
    expect(getSession()).toBeNull();
  });

  test('When a redirect target points to another site, then signing in stays on Inkwell', async () => {
    seedUser({ email: 'ada@inkwell.test' });
    const { user, path } = renderApp(`/login?redirectTo=${encodeURIComponent('//evil.example/phish')}`);

    await user.type(await screen.findByLabelText('Email'), 'ada@inkwell.test');
    await user.type(screen.getByLabelText('Password'), MOCK_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Stories and ideas, carefully told', level: 1 });
    expect(path()).toBe('/');
  });

  test('When someone signs up with a username that is taken, then the username field says so', async () => {
    seedUser({ username: 'ada' });
    const { user } = renderApp('/register');

    await user.type(await screen.findByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Email'), 'another@inkwell.test');
    await user.type(screen.getByLabelText('Password'), 'long-enough-password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const field = screen.getByLabelText('Username');
    expect(await screen.findByText(/username has already been taken/i)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(getSession()).toBeNull();
  });

  test('When someone signs up, then they are signed in and see their name in the header', async () => {
    const { user } = renderApp('/register');

    await user.type(await screen.findByLabelText('Username'), 'newcomer');
    await user.type(screen.getByLabelText('Email'), 'newcomer@inkwell.test');
    await user.type(screen.getByLabelText('Password'), 'long-enough-password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'newcomer' })).toHaveAttribute('href', '/profile/newcomer');
    expect(within(nav).queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  test('When a stored token is refused by the API, then the reader is signed out', async () => {
    const ghost = { email: 'ghost@inkwell.test', token: 'expired-token', username: 'ghost', bio: '', image: '' };
    renderApp('/', { user: ghost });

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(getSession()).toBeNull();
  });

  test('When a signed-in user signs out in settings, then they are on the home page, signed out', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user, path } = renderApp('/settings', { user: ada });

    await user.click(await screen.findByRole('link', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Stories and ideas, carefully told' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(getSession()).toBeNull();
  });
});
