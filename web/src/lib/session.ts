import type { components } from '@inkwell/openapi';

export type SessionUser = components['schemas']['User'];

const STORAGE_KEY = 'inkwell.session';

/**
 * A hint, not a credential: nginx sends browsers that carry it to the app's own index.html instead
 * of the server-rendered public pages, which are rendered for an anonymous reader (and cached as
 * such). The token itself stays in localStorage and is only ever sent in the Authorization header.
 * It lasts as long as the stored session may (a year, renewed on every start), so a signed-in
 * visitor coming back after closing the browser is still sent to the app.
 */
const HINT_COOKIE = 'inkwell_session';
const HINT_MAX_AGE_S = 365 * 24 * 60 * 60;

function writeHint(signedIn: boolean): void {
  const doc = globalThis.document;
  if (!doc) return;
  doc.cookie = signedIn
    ? `${HINT_COOKIE}=1; Path=/; SameSite=Lax; Max-Age=${HINT_MAX_AGE_S}`
    : `${HINT_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`;
}

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
// A session stored before the hint existed, or a hint left behind by a cleared storage: agree now.
writeHint(current !== null);

function emit(): void {
  for (const listener of listeners) listener();
}

/** The signed-in user, kept from the last sign-in or `GET /user` so the first paint knows who is there. */
export function getSession(): SessionUser | null {
  return current;
}

/**
 * What the server rendered with, and so what the browser's hydration pass must render too:
 * nobody signed in. React reads this only while it hydrates a server-rendered page, then renders
 * again with `getSession()`.
 */
export function getServerSession(): null {
  return null;
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
  writeHint(user !== null);
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
  writeHint(current !== null);
  emit();
});
