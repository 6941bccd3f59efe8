import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface DialogProps {
  /** The dialog's heading and accessible name. */
  title: string;
  /** Esc (or the browser's own close request): the dialog's owner unmounts it. */
  onCancel: () => void;
  children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last. The modal
 * dialog already keeps focus away from the page behind it; without this, Tab would pass through
 * the browser's own controls on its way round.
 */
function keepTabInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = controls[0];
  const last = controls.at(-1);
  const leaving = event.shiftKey ? document.activeElement === first : document.activeElement === last;
  if (!first || !last || !leaving) return;
  event.preventDefault();
  (event.shiftKey ? last : first).focus();
}

/**
 * A modal dialog, open while it is mounted: the browser's own `<dialog>` shown with `showModal()`,
 * so the page behind it is inert (focus cannot leave it for the page), it sits above everything,
 * focus moves to its first field, and Esc asks to cancel. The owner decides what cancelling means
 * and unmounts it; the dialog never closes itself behind the owner's back.
 */
export function Dialog({ title, onCancel, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onKeyDown={keepTabInside}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
