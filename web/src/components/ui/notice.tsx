import type { ReactNode } from 'react';

import { describeError } from '@/lib/api-errors';

interface ErrorNoticeProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** An error that says what happened and what to do, with a retry when one can help. */
export function ErrorNotice({ error, title = "This couldn't be loaded", onRetry }: ErrorNoticeProps) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p>{describeError(error)}</p>
      {onRetry ? (
        <button type="button" className="btn btn--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="notice notice--empty">
      <p className="notice__title">{title}</p>
      {children}
    </div>
  );
}
