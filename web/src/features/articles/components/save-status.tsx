import type { SaveState } from '../hooks/use-autosave';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

interface SaveStatusProps {
  state: SaveState;
  dirty: boolean;
  /** Saved to the server on each pause (a draft), or kept on this device until "Update". */
  drafting: boolean;
  onRetry: () => void;
}

function message({ state, dirty, drafting }: SaveStatusProps): string {
  if (!drafting) return dirty ? 'Changes kept on this device until you update' : '';
  switch (state.status) {
    case 'saving':
      return 'Saving…';
    case 'failed':
      return state.retrying ? 'Not saved — retrying' : `Not saved — ${state.message}`;
    case 'saved':
      return dirty ? 'Unsaved changes' : `Saved · ${timeFormat.format(state.at)}`;
    case 'idle':
      return dirty ? 'Kept on this device until it has a title, a description and some text' : '';
  }
}

/** Where the work stands, read out politely as it changes; the line keeps its height, so nothing moves. */
export function SaveStatus(props: SaveStatusProps) {
  const text = message(props);
  return (
    <div className="save-status">
      <p role="status" aria-live="polite" className="save-status__text">
        {text}
      </p>
      {props.state.status === 'failed' && props.drafting ? (
        <button type="button" className="link-button" onClick={props.onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
