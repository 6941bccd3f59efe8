import type { components } from '@inkwell/openapi';

export type SessionUser = components['schemas']['User'];

const STORAGE_KEY = 'inkwell.session';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): SessionUser | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SessionUser>;
    return typeof parsed.token === 'string' && typeof parsed.username === 'string' ? (parsed as SessionUser) : null;
  } catch {
    // Storage can be disabled (private mode) or hold garbage: both mean "signed out".
    return null;
  }
}

// Kept in memory so useSyncExternalStore gets a stable snapshot between changes.
let current: SessionUser | null = read();

function emit(): void {
  for (const listener of listeners) listener();
}

/** The signed-in user, kept from the last sign-in or `GET /user` so the first paint knows who is there. */
export function getSession(): SessionUser | null {
  return current;
}

export function getToken(): string | null {
  return current?.token ?? null;
}

export function setSession(user: SessionUser | null): void {
  current = user;
  try {
    if (user) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(user));
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session still lasts for this tab.
  }
  emit();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Signing in or out in another tab applies here too.
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  current = read();
  emit();
});
