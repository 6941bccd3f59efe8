import { COMMENT_BODY_MAX_LENGTH } from '@inkwell/rules';
import { useState, type FormEvent } from 'react';

import { Avatar } from '@/components/ui/avatar';
import { TextareaField } from '@/components/ui/field';
import { Link } from '@/components/ui/link';
import { ErrorNotice } from '@/components/ui/notice';
import { SkeletonText } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError, toFormErrors } from '@/lib/api-errors';
import { useSession, type SessionUser } from '@/lib/auth';
import { formatDate } from '@/utils/format';

import { useCreateComment } from '../api/create-comment';
import { useDeleteComment } from '../api/delete-comment';
import type { Comment } from '../api/comment-requests';
import { useComments } from '../api/list-comments';

function CommentForm({ slug, user }: { slug: string; user: SessionUser }) {
  const [body, setBody] = useState('');
  const create = useCreateComment(slug);
  const { fieldErrors, formError } = create.isError
    ? toFormErrors(create.error, ['body'])
    : { fieldErrors: {}, formError: null };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    create.mutate(body.trim(), { onSuccess: () => setBody('') });
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      <TextareaField
        label={`Comment as ${user.username}`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fieldErrors.body ?? formError ?? undefined}
        rows={3}
        maxLength={COMMENT_BODY_MAX_LENGTH}
        required
      />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary btn--small" disabled={create.isPending || !body.trim()}>
          {create.isPending ? 'Posting…' : 'Post comment'}
        </button>
      </div>
    </form>
  );
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
 * author may delete anyone's.
 */
export function CommentsSection({ slug, articleAuthor }: { slug: string; articleAuthor: string }) {
  const session = useSession();
  const me = session?.username.toLowerCase();
  const comments = useComments(slug);
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="comments__title">
        Comments{comments.data ? ` (${comments.data.length})` : ''}
      </h2>
      {session ? (
        <CommentForm slug={slug} user={session} />
      ) : (
        <p className="muted">
          <Link to={paths.login.href({ redirectTo: paths.article.href(slug) })}>Sign in</Link> or{' '}
          <Link to={paths.register.href()}>create an account</Link> to join the conversation.
        </p>
      )}
      {comments.isPending ? (
        <SkeletonText lines={3} />
      ) : comments.isError ? (
        <ErrorNotice
          error={comments.error}
          title="The comments couldn't be loaded"
          onRetry={() => void comments.refetch()}
        />
      ) : comments.data.length === 0 ? (
        <p className="muted">No comments yet. Be the first to share a thought.</p>
      ) : (
        <ul className="comment-list" aria-label="Comments, newest first">
          {comments.data.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              slug={slug}
              deletable={
                me === comment.author.username.toLowerCase()
                  ? 'mine'
                  : me === articleAuthor.toLowerCase()
                    ? 'moderated'
                    : null
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
