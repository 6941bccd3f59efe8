import { describe, expect, test } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';

import { seedArticle, seedComment, seedUser } from '@/testing/factories';
import { mockDb } from '@/testing/mocks/db';
import { renderApp, setUpMockApi } from '@/testing/render';

setUpMockApi();

const HOSTILE_BODY = [
  'Hello <img src=x onerror=alert(1)> world',
  '',
  '<script>alert(2)</script>',
  '',
  '[x](javascript:alert(1)) and [y](JaVaScRiPt:alert(3)) and [z](&#106;avascript:alert(4))',
  '',
  '<a href="javascript:alert(5)" onclick="alert(6)">raw link</a>',
  '',
  '![pic](javascript:alert(7))',
  '',
  '<svg onload=alert(8)></svg> <iframe src="https://evil.example"></iframe>',
].join('\n');

describe('Article page', () => {
  test('When an article opens, then its title, author, tags and Markdown body are shown', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({
      author: ada,
      title: 'How to train your dragon',
      description: 'Ever wonder how?',
      body: '## Start small\n\nBe **patient** with [the dragon](https://example.org/dragons).\n\n- feed it\n- praise it',
      tagList: ['dragons', 'training'],
    });

    renderApp(`/article/${article.slug}`);

    expect(await screen.findByRole('heading', { name: 'How to train your dragon', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Ever wonder how?')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'ada' })[0]).toHaveAttribute('href', '/profile/ada');
    expect(screen.getByRole('link', { name: 'dragons' })).toHaveAttribute('href', '/?tag=dragons');
    // The body's own headings nest under the page title.
    expect(await screen.findByRole('heading', { name: 'Start small', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('patient').tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: 'the dragon' })).toHaveAttribute('href', 'https://example.org/dragons');
    expect(screen.getByText('feed it').tagName).toBe('LI');
    expect(document.title).toBe('How to train your dragon — Inkwell');
  });

  test('When a reader follows a card to its article, then focus moves to the new page, as after a page load', async () => {
    const article = seedArticle({ title: 'Keyboard friendly' });
    const { user, path } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Keyboard friendly' }));

    await screen.findByRole('heading', { name: 'Keyboard friendly', level: 1 });
    expect(path()).toBe(`/article/${article.slug}`);
    expect(screen.getByRole('main')).toHaveFocus();
  });

  test('When the body is hostile, then no script, event handler or javascript: link reaches the page', async () => {
    const article = seedArticle({ title: 'Hostile', body: HOSTILE_BODY });

    const { container } = renderApp(`/article/${article.slug}`);

    const prose = await waitFor(() => {
      const found = container.querySelector('.prose');
      if (!found) throw new Error('the body has not rendered yet');
      return found;
    });
    const everything = Array.from(prose.querySelectorAll('*'));
    for (const element of everything) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name).not.toMatch(/^on/i);
        expect(attribute.value).not.toMatch(/^\s*javascript:/i);
      }
    }
    expect(prose.querySelector('script, iframe, svg, img[onerror]')).toBeNull();
    expect(prose.querySelectorAll('a[href^="javascript:" i]')).toHaveLength(0);
    expect(container.querySelectorAll('[onerror], [onclick], [onload]')).toHaveLength(0);
    // Raw HTML is shown as text, as the contract says, not dropped silently.
    expect(prose).toHaveTextContent('<img src=x onerror=alert(1)>');
    // A link to a script keeps its words, as plain text: no link at all.
    expect(prose).toHaveTextContent('x and y and z');
    expect(within(prose as HTMLElement).queryAllByRole('link')).toEqual([]);
  });

  test('When the author reads their article, then they can edit or delete it, and a reader cannot', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada, title: 'Mine' });

    const first = renderApp(`/article/${article.slug}`, { user: ada });
    expect(await screen.findByRole('link', { name: 'Edit article' })).toHaveAttribute(
      'href',
      `/editor/${article.slug}`,
    );
    expect(screen.getByRole('button', { name: 'Delete article' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /follow ada/i })).not.toBeInTheDocument();
    first.unmount();

    renderApp(`/article/${article.slug}`, { user: seedUser({ username: 'grace' }) });
    expect(await screen.findByRole('button', { name: 'Follow ada' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit article' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete article' })).not.toBeInTheDocument();
  });

  test('When the author deletes the article after confirming, then they are on the home page and it is gone', async () => {
    const ada = seedUser({ username: 'ada' });
    const article = seedArticle({ author: ada, title: 'Short-lived' });
    const { user, path } = renderApp(`/article/${article.slug}`, { user: ada });

    await user.click(await screen.findByRole('button', { name: 'Delete article' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await waitFor(() => expect(path()).toBe('/'));
    expect(await screen.findByText('No articles yet')).toBeInTheDocument();
    expect(mockDb.articleBySlug(article.slug)).toBeNull();
  });

  test('When a signed-in reader posts a comment, then it appears first, and they can delete it again', async () => {
    const article = seedArticle({ title: 'Discuss' });
    seedComment({ article, author: seedUser({ username: 'olu' }), body: 'An older comment' });
    const grace = seedUser({ username: 'grace' });
    const { user } = renderApp(`/article/${article.slug}`, { user: grace });

    expect(await screen.findByText('An older comment')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /delete your comment/i })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Comment as grace'), 'Thank you so much!');
    await user.click(screen.getByRole('button', { name: 'Post comment' }));

    await screen.findByText('Thank you so much!');
    const items = within(screen.getByRole('list', { name: 'Comments, newest first' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Thank you so much!');
    expect(screen.getByLabelText('Comment as grace')).toHaveValue('');
    expect(screen.getByRole('heading', { name: 'Comments (2)' })).toBeInTheDocument();

    await user.click(within(items[0]!).getByRole('button', { name: /delete your comment/i }));
    await waitFor(() => expect(screen.queryByText('Thank you so much!')).not.toBeInTheDocument());
    expect(screen.getByText('An older comment')).toBeInTheDocument();
  });

  test('When a signed-out reader opens an article, then they are invited to sign in to comment', async () => {
    const article = seedArticle({ title: 'Open to all' });

    renderApp(`/article/${article.slug}`);

    const comments = await screen.findByRole('region', { name: /comments/i });
    expect(within(comments).getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/login?redirectTo=%2Farticle%2F${article.slug}`,
    );
    expect(screen.queryByRole('button', { name: 'Post comment' })).not.toBeInTheDocument();
    expect(await screen.findByText('No comments yet. Be the first to share a thought.')).toBeInTheDocument();
  });

  test('When the article does not exist, then a 404 page says so and offers a way on', async () => {
    renderApp('/article/no-such-article');

    expect(await screen.findByRole('heading', { name: 'Article not found', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  test('When an address matches no page, then the 404 page is shown', async () => {
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found', level: 1 })).toBeInTheDocument();
  });
});
