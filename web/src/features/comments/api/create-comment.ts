import { unwrap } from '@inkwell/client';
import { useMutation, useQueryClient, type Mutation, type MutationCache } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

import { api } from '@/lib/api-client';
import type { SessionUser } from '@/lib/auth';

import { commentKeys } from './comment-keys';
import { listComments, type Comment } from './comment-requests';

/**
 * How long one send may take before it counts as not sent. The API client sets no deadline of its
 * own and never retries a POST (it creates), so a stalled connection would keep a comment
 * "Sending…" for as long as the browser waits; the writer gets it back with a Retry instead.
 */
const COMMENT_SEND_TIMEOUT_MS = 15_000;

/** A comment on its way to the API: the mutation's variables, kept until it is sent or discarded. */
export interface CommentSend {
  /** The same across its retries: the item's key on the page. */
  key: number;
  body: string;
  author: Pick<SessionUser, 'username' | 'image'>;
  /**
   * The newest comment id the page knew of when it was first sent: a comment of the same author
   * and body above it is this one, delivered by an attempt whose answer was lost.
   */
  after: number;
  /** Sent before and not confirmed: look for it on the server before sending it again. */
  retry: boolean;
}

/** A comment of this page that the API has not confirmed: on its way, or not sent (with why). */
export interface UnsentComment {
  mutationId: number;
  send: CommentSend;
  status: 'pending' | 'error';
  error: unknown;
}

let lastKey = 0;

/** `POST /articles/{slug}/comments` */
export async function createComment(slug: string, body: string, signal?: AbortSignal): Promise<Comment> {
  const created = await unwrap(
    api.POST('/articles/{slug}/comments', { params: { path: { slug } }, body: { comment: { body } }, signal }),
  );
  return created.comment;
}

/** Whether `comment`, as the API lists it, is what `send` sent. */
export function isCopyOf(comment: Comment, send: CommentSend): boolean {
  return (
    comment.id > send.after &&
    comment.body === send.body &&
    comment.author.username.toLowerCase() === send.author.username.toLowerCase()
  );
}

function newestId(comments: readonly Comment[] | undefined): number {
  return Math.max(0, ...(comments ?? []).map((comment) => comment.id));
}

/**
 * Sends comments to an article and offers them again. Every send is a mutation of its own, shown
 * by `useUnsentComments` until the API confirms it; one that fails (no network, a timeout, a 5xx,
 * a 429) stays, with its text, until it is retried or discarded. Mutations outlive the page, so
 * a comment not sent is still there after visiting another page and coming back.
 */
export function useSendComment(slug: string) {
  const queryClient = useQueryClient();
  const listKey = commentKeys.list(slug);
  const mutation = useMutation({
    mutationKey: commentKeys.sends(slug),
    // Tried whatever the browser believes of its connection: a paused mutation would say
    // "Sending…" for as long as the browser thinks it is offline.
    networkMode: 'always',
    // Kept until sent or discarded: after the default five minutes off the page, a comment not
    // sent would be dropped with its text.
    gcTime: Infinity,
    mutationFn: async (send: CommentSend) => {
      const signal = AbortSignal.timeout(COMMENT_SEND_TIMEOUT_MS);
      if (send.retry) {
        const comments = await listComments(slug, { signal });
        queryClient.setQueryData<Comment[]>(listKey, comments);
        const delivered = comments.find((comment) => isCopyOf(comment, send));
        if (delivered) return delivered;
      }
      return createComment(slug, send.body, signal);
    },
    onSuccess: (comment) =>
      queryClient.setQueryData<Comment[]>(listKey, (comments = []) =>
        comments.some((c) => c.id === comment.id) ? comments : [comment, ...comments],
      ),
  });

  const forget = useCallback(
    (mutationId: number): void => {
      const cache = queryClient.getMutationCache();
      const found = cache.getAll().find((m) => m.mutationId === mutationId);
      if (found) cache.remove(found);
    },
    [queryClient],
  );

  return {
    send(body: string, author: CommentSend['author']): void {
      lastKey += 1;
      const after = newestId(queryClient.getQueryData<Comment[]>(listKey));
      mutation.mutate({ key: lastKey, body, author, after, retry: false });
    },
    retry({ mutationId, send }: UnsentComment): void {
      forget(mutationId);
      mutation.mutate({ ...send, retry: true });
    },
    /** Drops an unsent comment: discarded, or found on the server after all. */
    forget,
  };
}

const isUnsentBy = (author: string | undefined) => (m: Mutation) =>
  (m.state.status === 'pending' || m.state.status === 'error') &&
  (m.state.variables as CommentSend).author.username === author;

/**
 * The unsent comments of `author` on the article as an external store for React: the same array
 * until one of their mutations changes (a new send, a status, a removal).
 */
function unsentStore(cache: MutationCache, slug: string, author: string | undefined) {
  let states: readonly unknown[] = [];
  let unsent: UnsentComment[] = [];
  return {
    subscribe: (onChange: () => void) => cache.subscribe(onChange),
    read: (): UnsentComment[] => {
      const mutations = cache.findAll({ mutationKey: commentKeys.sends(slug), predicate: isUnsentBy(author) });
      const next = mutations.map((m) => m.state);
      if (next.length === states.length && next.every((state, i) => state === states[i])) return unsent;
      states = next;
      unsent = mutations.map((m) => ({
        mutationId: m.mutationId,
        send: m.state.variables as CommentSend,
        status: m.state.status as UnsentComment['status'],
        error: m.state.error,
      }));
      return unsent;
    },
  };
}

/**
 * The comments `author` sent to the article that the API has not confirmed, oldest first. This is
 * what TanStack's `useMutationState` does; but every library function is bundled into the
 * JavaScript of the first visit (vite.config.ts), which has no room for it, while this code stays
 * with the article page.
 */
export function useUnsentComments(slug: string, author: string | undefined): UnsentComment[] {
  const cache = useQueryClient().getMutationCache();
  const store = useMemo(() => unsentStore(cache, slug, author), [cache, slug, author]);
  return useSyncExternalStore(store.subscribe, store.read, store.read);
}
