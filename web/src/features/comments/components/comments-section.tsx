import { COMMENT_BODY_MAX_LENGTH } from '@inkwell/rules';
import { useEffect, useMemo, useState, type FormEvent } from 'react';

import { Avatar } from '@/components/ui/avatar';
import { TextareaField } from '@/components/ui/field';
import { Link } from '@/components/ui/link';
import { ErrorNotice } from '@/components/ui/notice';
import { SkeletonText } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-errors';
import { useSession, type SessionUser } from '@/lib/auth';
import { formatDate } from '@/utils/format';

import { isCopyOf, useSendComment, useUnsentComments, type UnsentComment } from '../api/create-comment';
import { useDeleteComment } from '../api/delete-comment';
import type { Comment } from '../api/comment-requests';
import { useComments } from '../api/list-comments';

type SendComment = ReturnType<typeof useSendComment>;

const NO_COMMENTS: readonly Comment[] = [];

/** The form empties at once: the comment goes on to the list, where it shows how its send goes. */
function CommentForm({ user, sender }: { user: SessionUser; sender: SendComment }) {
  const [body, setBody] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    sender.send(body.trim(), { username: user.username, image: user.image });
    setBody('');
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      <TextareaField
        label={`Comment as ${user.username}`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={3}
        maxLength={COMMENT_BODY_MAX_LENGTH}
        required
      />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary btn--small" disabled={!body.trim()}>
          Post comment
        </button>
      </div>
    </form>
  );
}

/** Why a send failed, and what to do: a timeout is no refusal, the answer never came. */
function whyNotSent(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'Inkwell took too long to answer. Check your connection, then retry.';
  }
  return describeError(error);
}

function UnsentCommentItem({ unsent, sender }: { unsent: UnsentComment; sender: SendComment }) {
  const { send, status, error } = unsent;
  const failed = status === 'error';
  return (
    <li className={failed ? 'comment comment--unsent comment--failed' : 'comment comment--unsent'} aria-busy={!failed}>
      <div className="comment__meta">
        <Link to={paths.profile.href(send.author.username)} className="byline">
          <Avatar src={send.author.image} username={send.author.username} size="sm" />
          <span className="byline__name">{send.author.username}</span>
        </Link>
        <span className="comment__status">{failed ? 'Not sent' : 'Sending…'}</span>
      </div>
      <p className="comment__body">{send.body}</p>
      {failed ? (
        <div className="comment__unsent">
          <p className="field__error" role="alert">
            {whyNotSent(error)}
          </p>
          <button type="button" className="btn btn--primary btn--small" onClick={() => sender.retry(unsent)}>
            Retry
          </button>
          <button type="button" className="btn btn--quiet btn--small" onClick={() => sender.forget(unsent.mutationId)}>
            Discard
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** The unsent comments whose copy `listed` shows: each claims one copy, oldest first. */
function deliveredSends(unsent: readonly UnsentComment[], listed: readonly Comment[]): Set<number> {
  const claimed = new Set<number>();
  const delivered = new Set<number>();
  for (const item of unsent) {
    const copy = listed.find((comment) => !claimed.has(comment.id) && isCopyOf(comment, item.send));
    if (!copy) continue;
    claimed.add(copy.id);
    delivered.add(item.mutationId);
  }
  return delivered;
}

/**
 * The unsent comments that the list does not show yet, newest first. A send whose answer was lost
 * may have arrived all the same: once the list shows its copy, it is sent, and is forgotten here
 * (kept, it would come back as "Not sent" if its copy were deleted).
 */
function useUnsentShown(slug: string, me: string | undefined, listed: readonly Comment[], sender: SendComment) {
  const unsent = useUnsentComments(slug, me);
  const delivered = useMemo(() => deliveredSends(unsent, listed), [unsent, listed]);
  const { forget } = sender;
  useEffect(() => {
    for (const item of unsent) if (item.status === 'error' && delivered.has(item.mutationId)) forget(item.mutationId);
  }, [unsent, delivered, forget]);
  return unsent.filter((item) => !delivered.has(item.mutationId)).reverse();
}

interface CommentItemProps {
  comment: Comment;
  slug: string;
  /** Who may delete it: its own author (at once), or the article's author (after a confirmation). */
  deletable: 'mine' | 'moderated' | null;
}

function CommentItem({ comment, slug, deletable }: CommentItemProps) {
  const remove = useDeleteComment(slug);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="comment">
      <div className="comment__meta">
        <Link to={paths.profile.href(comment.author.username)} className="byline">
          <Avatar src={comment.author.image} username={comment.author.username} size="sm" />
          <span className="byline__name">{comment.author.username}</span>
        </Link>
        <time dateTime={comment.createdAt} className="muted">
          {formatDate(comment.createdAt)}
        </time>
        {deletable === 'mine' ? (
          <button
            type="button"
            className="link-button comment__delete"
            onClick={() => remove.mutate(comment.id)}
            disabled={remove.isPending}
            aria-label={`Delete your comment from ${formatDate(comment.createdAt)}`}
          >
            {remove.isPending ? 'Deleting…' : 'Delete'}
          </button>
        ) : deletable === 'moderated' && !confirming ? (
          <button
            type="button"
            className="link-button comment__delete"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${comment.author.username}'s comment from ${formatDate(comment.createdAt)}`}
          >
            Delete
          </button>
        ) : null}
      </div>
      <p className="comment__body">{comment.body}</p>
      {deletable === 'moderated' && confirming ? (
        <div className="confirm" role="group" aria-label={`Delete ${comment.author.username}'s comment?`}>
          <span className="confirm__question">Delete this comment from your article?</span>
          <button
            type="button"
            className="btn btn--danger btn--small"
            disabled={remove.isPending}
            onClick={() => remove.mutate(comment.id)}
          >
            {remove.isPending ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button type="button" className="btn btn--quiet btn--small" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </button>
        </div>
      ) : null}
      {remove.isError ? (
        <p className="field__error" role="alert">
          {describeError(remove.error)}
        </p>
      ) : null}
    </li>
  );
}

/**
 * The conversation under an article: newest first, add your own, delete your own; the article's
 * author may delete anyone's. A comment being sent shows at once, marked "Sending…"; one the API
 * did not take shows "Not sent", with Retry and Discard, and its text stays until one is chosen.
 */
export function CommentsSection({ slug, articleAuthor }: { slug: string; articleAuthor: string }) {
  const session = useSession();
  const me = session?.username;
  const comments = useComments(slug);
  const listed = comments.data ?? NO_COMMENTS;
  const sender = useSendComment(slug);
  const unsent = useUnsentShown(slug, me, listed, sender);
  const deletableBy = (comment: Comment): CommentItemProps['deletable'] =>
    me?.toLowerCase() === comment.author.username.toLowerCase()
      ? 'mine'
      : me?.toLowerCase() === articleAuthor.toLowerCase()
        ? 'moderated'
        : null;
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="comments__title">
        Comments{comments.data ? ` (${comments.data.length})` : ''}
      </h2>
      {session ? (
        <CommentForm user={session} sender={sender} />
      ) : (
        <p className="muted">
          <Link to={paths.login.href({ redirectTo: paths.article.href(slug) })}>Sign in</Link> or{' '}
          <Link to={paths.register.href()}>create an account</Link> to join the conversation.
        </p>
      )}
      {comments.isPending ? <SkeletonText lines={3} /> : null}
      {comments.isError ? (
        <ErrorNotice
          error={comments.error}
          title="The comments couldn't be loaded"
          onRetry={() => void comments.refetch()}
        />
      ) : null}
      {unsent.length > 0 || listed.length > 0 ? (
        <ul className="comment-list" aria-label="Comments, newest first">
          {unsent.map((item) => (
            <UnsentCommentItem key={`unsent-${item.send.key}`} unsent={item} sender={sender} />
          ))}
          {listed.map((comment) => (
            <CommentItem key={comment.id} comment={comment} slug={slug} deletable={deletableBy(comment)} />
          ))}
        </ul>
      ) : comments.isSuccess ? (
        <p className="muted">No comments yet. Be the first to share a thought.</p>
      ) : null}
    </section>
  );
}
