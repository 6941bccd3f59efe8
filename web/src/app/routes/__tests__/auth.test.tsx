import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http as mswHttp } from 'msw';

import { getCurrentUser } from '@/lib/auth';
import { getSession, setSession } from '@/lib/session';
import { MOCK_PASSWORD, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { API_BASE_PATH, http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

/** The signed-in hint nginx routes by (lib/session.ts): set while a session is stored. */
const sessionHint = (): boolean => document.cookie.split(/;\s*/).includes('inkwell_session=1');

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

  test('When a username has a character the contract refuses, then the sign-up field is invalid, under either flag a browser compiles it with', async () => {
    const { user } = renderApp('/register');
    const field = await screen.findByLabelText('Username');

    await user.type(field, 'ada lovelace');
    expect(field).toBeInvalid();
    await user.clear(field);
    await user.type(field, 'ada_lovelace-1');
    expect(field).toBeValid();
    // jsdom compiles the attribute with the `u` flag, as older browsers do; current ones use `v`.
    const compiled = new RegExp(`^(?:${field.getAttribute('pattern')})$`, 'v');
    expect(compiled.test('ada_lovelace-1')).toBe(true);
    expect(compiled.test('ada lovelace')).toBe(false);
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
    expect(sessionHint()).toBe(true);

    await user.click(await screen.findByRole('link', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Stories and ideas, carefully told' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(getSession()).toBeNull();
    // nginx sends this browser to the server-rendered pages again.
    expect(sessionHint()).toBe(false);
  });

  test('When a user signs out, then the API ends the session, so the token no longer works anywhere', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user } = renderApp('/settings', { user: ada });

    await user.click(await screen.findByRole('link', { name: 'Sign out' }));

    await waitFor(() => expect(mockDb.userByToken(ada.token)).toBeNull());
    expect(getSession()).toBeNull();
  });

  test('When the API cannot be reached while signing out, then the reader is signed out here all the same', async () => {
    const ada = seedUser({ username: 'ada' });
    let attempts = 0;
    server.use(
      mswHttp.post(`*${API_BASE_PATH}/users/logout`, () => {
        attempts += 1;
        return HttpResponse.error();
      }),
    );
    const { user, path } = renderApp('/settings', { user: ada });

    await user.click(await screen.findByRole('link', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Stories and ideas, carefully told' })).toBeInTheDocument();
    await waitFor(() => expect(attempts).toBe(1));
    expect(path()).toBe('/');
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(getSession()).toBeNull();
    expect(sessionHint()).toBe(false);
  });

  test('When the session was ended elsewhere (signed out on another device), then the next API call signs the reader out', async () => {
    const ada = seedUser({ username: 'ada' });
    const { user } = renderApp('/', { user: ada });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'ada' })).toBeInTheDocument();

    mockDb.renewToken(mockDb.userByUsername('ada')!.id);
    await user.click(within(nav).getByRole('link', { name: 'ada' }));

    expect(await within(nav).findByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(getSession()).toBeNull();
    expect(sessionHint()).toBe(false);
  });

  test('When a refusal arrives for a token the session has already replaced, then the new session stays', async () => {
    const ada = seedUser({ username: 'ada' });
    const replacement = { ...ada, token: 'mock-token-after-password-change' };
    setSession(ada);
    server.use(
      http.get('/user', ({ response }) => {
        // The answer to the old token arrives after the password change stored a new one.
        setSession(replacement);
        return response(401).json({ errors: { token: ['is missing or invalid'] } });
      }),
    );

    await expect(getCurrentUser()).rejects.toMatchObject({ status: 401 });

    expect(getSession()).toEqual(replacement);
    expect(sessionHint()).toBe(true);
  });
});
