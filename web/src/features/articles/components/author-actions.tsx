import { useState } from 'react';
import { useNavigate } from 'react-router';

import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-errors';

import { useDeleteArticle } from '../api/delete-article';

/** Edit and delete, shown only to the article's author; deleting asks once more. */
export function AuthorActions({ slug, title }: { slug: string; title: string }) {
  const navigate = useNavigate();
  const remove = useDeleteArticle();
  const [confirming, setConfirming] = useState(false);

  if (confirming) {
    return (
      <div className="confirm" role="group" aria-label={`Delete “${title}”?`}>
        <span className="confirm__question">Delete this article for good?</span>
        <button
          type="button"
          className="btn btn--danger btn--small"
          disabled={remove.isPending}
          onClick={() => remove.mutate(slug, { onSuccess: () => navigate(paths.home.href(), { replace: true }) })}
        >
          {remove.isPending ? 'Deleting…' : 'Yes, delete'}
        </button>
        <button type="button" className="btn btn--quiet btn--small" onClick={() => setConfirming(false)} autoFocus>
          Keep it
        </button>
        {remove.isError ? (
          <p className="field__error" role="alert">
            {describeError(remove.error)}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="button-row">
      <Link to={paths.editor.href(slug)} className="btn btn--secondary btn--small">
        Edit article
      </Link>
      <button type="button" className="btn btn--quiet btn--small" onClick={() => setConfirming(true)}>
        Delete article
      </button>
    </div>
  );
}
