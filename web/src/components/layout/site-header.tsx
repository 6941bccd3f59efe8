import { SEARCH_QUERY_MAX_LENGTH } from '@inkwell/rules';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

import { Avatar } from '@/components/ui/avatar';
import { Link, NavLink } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';
import type { SessionUser } from '@/lib/session';

import { useScrollAway } from './use-scroll-away';

/** What a visitor typed into the prerendered shell's search box before the app had started. */
interface TypedAhead {
  value: string;
  focused: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
}

/**
 * Reads the shell's search box (app/shell.tsx), which is still in the page while the app's first
 * render runs: that render's commit replaces the shell, and would drop the text and the focus.
 */
function readShellSearch(): TypedAhead | undefined {
  const input = globalThis.document?.querySelector<HTMLInputElement>('input[data-prerendered]');
  if (!input) return undefined;
  const { value, selectionStart, selectionEnd } = input;
  return { value, focused: document.activeElement === input, selectionStart, selectionEnd };
}

function SearchForm({ prerendered }: { prerendered: boolean }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const current = paths.search.match(pathname) ? (paths.search.read(params).q ?? '') : '';
  const [typedAhead] = useState(readShellSearch);
  const [q, setQ] = useState(() => typedAhead?.value || current);
  // Navigating to other search results (or away) shows that query in the box: state adjusted
  // during render, as React recommends over an effect that would render twice.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setQ(current);
  }
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (!typedAhead?.focused || !input.current) return;
    input.current.focus();
    if (typedAhead.selectionStart !== null) {
      input.current.setSelectionRange(typedAhead.selectionStart, typedAhead.selectionEnd ?? typedAhead.selectionStart);
    }
  }, [typedAhead]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = q.trim();
    if (query) navigate(paths.search.href({ q: query }));
  }

  return (
    <form role="search" className="site-search" action={paths.search.href()} onSubmit={submit}>
      <label htmlFor="site-search" className="visually-hidden">
        Search articles
      </label>
      <input
        ref={input}
        id="site-search"
        type="search"
        name="q"
        className="site-search__input"
        placeholder="Search articles"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        maxLength={SEARCH_QUERY_MAX_LENGTH}
        enterKeyHint="search"
        data-prerendered={prerendered ? '' : undefined}
      />
    </form>
  );
}

function AccountLinks({ session }: { session: SessionUser | null }) {
  if (!session) {
    return (
      <>
        <li>
          <NavLink to={paths.login.href()}>Sign in</NavLink>
        </li>
        <li>
          <NavLink to={paths.register.href()} className="btn btn--primary btn--small">
            Sign up
          </NavLink>
        </li>
      </>
    );
  }
  return (
    <>
      <li>
        <NavLink to={paths.editor.href()} end>
          Write
        </NavLink>
      </li>
      <li>
        <NavLink to={paths.settings.href()}>Settings</NavLink>
      </li>
      <li>
        <NavLink to={paths.profile.href(session.username)} className="site-nav__me">
          <Avatar src={session.image} username={session.username} size="sm" />
          <span className="site-nav__name">{session.username}</span>
        </NavLink>
      </li>
    </>
  );
}

/**
 * The site's header. `prerendered` is the version built into index.html (app/shell.tsx), shown
 * until the app has started. It leaves out the navigation, whose links depend on who is signed in
 * in this browser. Its search box takes input at once: the app's box carries over what was typed
 * (readShellSearch), and Enter before then submits it as a plain form. On a phone it slides away
 * while the reader scrolls down, giving the text the whole screen, and comes back on the way up.
 */
export function SiteHeader({ prerendered = false }: { prerendered?: boolean }) {
  const session = useSession();
  const header = useRef<HTMLElement>(null);
  const away = useScrollAway(header);
  return (
    <header ref={header} className={away ? 'site-header site-header--away' : 'site-header'}>
      <div className="site-header__inner container">
        <Link to={paths.home.href()} className="wordmark" aria-label="Inkwell, home">
          <span aria-hidden="true" className="wordmark__mark" />
          Inkwell
        </Link>
        <SearchForm prerendered={prerendered} />
        {prerendered ? null : (
          <nav aria-label="Main" className="site-nav">
            <ul>
              <li className="site-nav__home">
                <NavLink to={paths.home.href()} end>
                  Home
                </NavLink>
              </li>
              <AccountLinks session={session} />
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
}
