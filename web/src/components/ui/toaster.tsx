import { useSyncExternalStore } from 'react';

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

const DISMISS_AFTER_MS = 7000;
let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function update(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

function dismissToast(id: number): void {
  update(toasts.filter((toast) => toast.id !== id));
}

/** A short message for something that happened away from any form (a favorite the server refused). */
export function notify(message: string, tone: Toast['tone'] = 'error'): void {
  const id = nextId++;
  update([...toasts.filter((toast) => toast.message !== message), { id, message, tone }]);
  setTimeout(() => dismissToast(id), DISMISS_AFTER_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Toaster() {
  const items = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
  return (
    <div className="toaster" role="status" aria-live="polite">
      {items.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.tone}`}>
          <p>{toast.message}</p>
          <button
            type="button"
            className="toast__close"
            onClick={() => dismissToast(toast.id)}
            aria-label="Dismiss message"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
