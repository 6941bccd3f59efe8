import { useId, useState } from 'react';

import type { Article } from '../api/get-article';

/** Published, with a publishing time still to come: seen by its author alone until then. */
export function isScheduled(article: Pick<Article, 'status' | 'publishedAt'>, now = Date.now()): boolean {
  return article.status === 'published' && article.publishedAt !== null && Date.parse(article.publishedAt) > now;
}

const localDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `YYYY-MM-DDTHH:mm` in the writer's time zone, as a datetime-local input reads and writes it. */
function toInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface PublishActionsProps {
  /** The server's copy; absent while a new article is not on the server yet. */
  article: Article | undefined;
  busy: boolean;
  onPublish: () => void;
  /** `publishedAt`: an ISO time in the future. */
  onSchedule: (publishedAt: string) => void;
  onUnschedule: () => void;
  onUpdate: () => void;
}

function ScheduleForm({
  busy,
  onSchedule,
  onCancel,
}: {
  busy: boolean;
  onSchedule: (at: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState(() => toInputValue(new Date(Date.now() + 3_600_000)));
  const [error, setError] = useState<string | null>(null);
  function schedule() {
    const at = new Date(value);
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
      setError('Choose a time in the future.');
      return;
    }
    onSchedule(at.toISOString());
  }
  return (
    <div className="schedule" role="group" aria-label="Choose when to publish">
      <label htmlFor={id} className="field__label">
        Publish on ({timeZone})
      </label>
      <input
        id={id}
        type="datetime-local"
        className="input"
        value={value}
        min={toInputValue(new Date())}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus
      />
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="btn btn--primary" onClick={schedule} disabled={busy}>
          Schedule
        </button>
        <button type="button" className="btn btn--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The editor's actions, by where the article stands: a draft, scheduled, or published. */
export function PublishActions({ article, busy, onPublish, onSchedule, onUnschedule, onUpdate }: PublishActionsProps) {
  const [scheduling, setScheduling] = useState(false);

  if (article && isScheduled(article)) {
    return (
      <div className="publish-actions">
        <p className="publish-actions__state">
          Scheduled for{' '}
          <time dateTime={article.publishedAt ?? undefined}>
            {localDateTime.format(new Date(article.publishedAt ?? 0))}
          </time>
        </p>
        <div className="button-row">
          <button type="button" className="btn btn--primary" onClick={onUpdate} disabled={busy}>
            Update
          </button>
          <button type="button" className="btn btn--secondary" onClick={onPublish} disabled={busy}>
            Publish now
          </button>
          <button type="button" className="btn btn--quiet" onClick={onUnschedule} disabled={busy}>
            Unschedule
          </button>
        </div>
      </div>
    );
  }
  if (article && article.status === 'published') {
    return (
      <div className="publish-actions">
        <button type="button" className="btn btn--primary" onClick={onUpdate} disabled={busy}>
          {busy ? 'Updating…' : 'Update'}
        </button>
      </div>
    );
  }
  if (scheduling) {
    return (
      <ScheduleForm
        busy={busy}
        onSchedule={(at) => {
          onSchedule(at);
          setScheduling(false);
        }}
        onCancel={() => setScheduling(false)}
      />
    );
  }
  return (
    <div className="publish-actions">
      <div className="button-row">
        <button type="button" className="btn btn--primary" onClick={onPublish} disabled={busy}>
          {busy ? 'Publishing…' : 'Publish'}
        </button>
        <button type="button" className="btn btn--secondary" onClick={() => setScheduling(true)} disabled={busy}>
          Schedule…
        </button>
      </div>
    </div>
  );
}
