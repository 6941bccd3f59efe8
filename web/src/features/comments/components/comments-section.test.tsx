import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';

import { seedArticle, seedUser } from '@/testing/factories';
import { mockControls } from '@/testing/mocks/controls';
import { mockDb } from '@/testing/mocks/db';
import { http } from '@/testing/mocks/handlers/http';
import { server } from '@/testing/mocks/server';
import { renderApp, setUpMockApi } from '@/testing/render';

import { commentKeys } from '../api/comment-keys';

setUpMockApi();

afterEach(() => {
  jest.restoreAllMocks();
  onlineManager.setOnline(true);
});

const TEXT = 'The clockwork dragon was louder than I expected.';

/** A promise the test settles: a request held open until then. */
function gate() {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Grace on an article with one older comment; `send()` writes `TEXT` and posts it. */
async function openArticle() {
  const article = seedArticle({ author: seedUser({ username: 'ada' }), title: 'Clockwork dragons' });
  const grace = seedUser({ username: 'grace' });
  const app = renderApp(`/article/${article.slug}`, { user: grace });
  // The first render of a file loads the route's code: longer than a usual wait on a busy machine.
  const field = await screen.findByLabelText('Comment as grace', {}, { timeout: 5000 });
  await screen.findByText('No comments yet. Be the first to share a thought.');
  const send = async () => {
    await app.user.type(field, TEXT);
    await app.user.click(screen.getByRole('button', { name: 'Post comment' }));
  };
  const storedCopies = () =>
    mockDb
      .listComments(mockDb.articleBySlug(article.slug)!.id, { limit: 100, offset: 0 })
      .filter((c) => c.body === TEXT);
  return { ...app, article, grace, field, send, storedCopies };
}

const commentList = () => screen.getByRole('list', { name: 'Comments, newest first' });
const itemWith = (text: string) => within(commentList()).getByText(text).closest('li')!;

/** Answers the next comment with a network failure once `released` (at once without one). */
function networkFailure(released?: Promise<void>, { arrives = false } = {}) {
  return http.post(
    '/articles/{slug}/comments',
    async ({ params }) => {
      await released;
      if (arrives) {
        // The request reached the API, which stored the comment; only its answer was lost.
        const article = mockDb.articleBySlug(params.slug)!;
        mockDb.insertComment({ articleId: article.id, authorId: mockDb.userByUsername('grace')!.id, body: TEXT });
      }
      return HttpResponse.error();
    },
    { once: true },
  );
}

describe('Sending a comment', () => {
  test('When the network is down, then the comment shows "Sending…", then "Not sent" with its text, and Retry sends it once it is back', async () => {
    const failing = gate();
    server.use(networkFailure(failing.opened));
    const { send, field, storedCopies, user } = await openArticle();

    await send();

    const sending = itemWith(TEXT);
    expect(sending).toHaveTextContent('Sending…');
    expect(within(sending).queryByRole('button', { name: /delete/i })).not.toBeInTheDocument();
    // The form is free at once: nothing waits on the network.
    expect(field).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Post comment' })).toBeDisabled();
    await act(async () => failing.open());
    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    const failed = itemWith(TEXT);
    expect(within(failed).getByRole('alert')).toHaveTextContent("We couldn't reach Inkwell.");
    expect(within(failed).queryByRole('button', { name: /delete/i })).not.toBeInTheDocument();
    expect(storedCopies()).toHaveLength(0);

    await user.click(within(failed).getByRole('button', { name: 'Retry' }));

    await waitFor(() =>
      expect(within(itemWith(TEXT)).getByRole('button', { name: /delete your comment/i })).toBeVisible(),
    );
    expect(within(commentList()).getAllByText(TEXT)).toHaveLength(1);
    expect(screen.queryByText('Not sent')).not.toBeInTheDocument();
    expect(storedCopies()).toHaveLength(1);
  });

  test.each([
    { status: 500 as const, says: 'Something went wrong on our side.' },
    { status: 503 as const, says: 'Inkwell is briefly unavailable.' },
    { status: 429 as const, says: 'Wait a minute, then try again.' },
  ])('When the API answers $status, then the comment is "Not sent" and says why', async ({ status, says }) => {
    mockControls.set({ errorRate: 1, errorStatus: status, errorOn: 'POST /articles/' });
    const { send, storedCopies, user } = await openArticle();

    await send();

    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    expect(within(itemWith(TEXT)).getByRole('alert')).toHaveTextContent(says);
    mockControls.reset();
    await user.click(within(itemWith(TEXT)).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(storedCopies()).toHaveLength(1));
    expect(await screen.findByRole('button', { name: /delete your comment/i })).toBeInTheDocument();
  });

  test('When the browser believes it is offline, then the comment is still tried, and is "Not sent" instead of waiting', async () => {
    server.use(networkFailure());
    const { send } = await openArticle();
    act(() => onlineManager.setOnline(false));

    await send();

    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    expect(within(itemWith(TEXT)).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  test('When the API never answers, then the send gives up and says so, and the text stays', async () => {
    const deadline = new AbortController();
    jest.spyOn(AbortSignal, 'timeout').mockReturnValue(deadline.signal);
    const stalled = gate();
    server.use(networkFailure(stalled.opened));
    const { send } = await openArticle();

    await send();
    expect(itemWith(TEXT)).toHaveTextContent('Sending…');
    act(() => deadline.abort(new DOMException('The operation timed out.', 'TimeoutError')));

    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    expect(within(itemWith(TEXT)).getByRole('alert')).toHaveTextContent('Inkwell took too long to answer.');
    stalled.open();
  });

  test('When a send reached the API but its answer was lost, then Retry finds it there and sends no copy', async () => {
    const posts: string[] = [];
    // Sees every comment sent after the first, which the failure before it takes.
    server.use(
      http.post('/articles/{slug}/comments', ({ request }) => {
        posts.push(request.url);
        return undefined;
      }),
    );
    server.use(networkFailure(undefined, { arrives: true }));
    const { send, storedCopies, user } = await openArticle();

    await send();
    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    expect(storedCopies()).toHaveLength(1);
    await user.click(within(itemWith(TEXT)).getByRole('button', { name: 'Retry' }));

    await waitFor(() => expect(screen.queryByText('Not sent')).not.toBeInTheDocument());
    expect(within(commentList()).getAllByText(TEXT)).toHaveLength(1);
    expect(within(itemWith(TEXT)).getByRole('button', { name: /delete your comment/i })).toBeInTheDocument();
    expect(storedCopies()).toHaveLength(1);
    expect(posts).toHaveLength(0);
  });

  test('When the list is refetched after such a lost answer, then the comment shows once, as sent', async () => {
    server.use(networkFailure(undefined, { arrives: true }));
    const { send, queryClient, article, storedCopies } = await openArticle();

    await send();
    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    await act(() => queryClient.invalidateQueries({ queryKey: commentKeys.list(article.slug) }));

    await waitFor(() => expect(screen.queryByText('Not sent')).not.toBeInTheDocument());
    expect(within(commentList()).getAllByText(TEXT)).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Comments (1)' })).toBeInTheDocument();
    expect(storedCopies()).toHaveLength(1);
  });

  test('When a comment was not sent, then it is still there after visiting another page, until discarded', async () => {
    server.use(networkFailure());
    const { send, user, back } = await openArticle();

    await send();
    expect(await within(commentList()).findByText('Not sent')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Inkwell, home' }));
    await screen.findByRole('heading', { level: 1, name: 'Stories and ideas, carefully told' });
    back();

    expect(
      await within(await screen.findByRole('list', { name: 'Comments, newest first' })).findByText(TEXT),
    ).toBeInTheDocument();
    expect(itemWith(TEXT)).toHaveTextContent('Not sent');
    await user.click(within(itemWith(TEXT)).getByRole('button', { name: 'Discard' }));

    expect(screen.queryByText(TEXT)).not.toBeInTheDocument();
    expect(screen.getByText('No comments yet. Be the first to share a thought.')).toBeInTheDocument();
  });
});
