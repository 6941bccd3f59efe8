import type { ComponentProps } from 'react';
import { useHref, useLinkClickHandler, useLocation } from 'react-router';

import type { Href } from '@/config/paths';

type LinkProps = Omit<ComponentProps<'a'>, 'href'> & {
  /** An address inside the app, from `paths` (e.g. `paths.article.href(slug)`). */
  to: Href;
};

/**
 * A link inside the app: a real `<a href>` (it opens in a new tab, its address can be copied) that
 * navigates without a page load on a plain click. React Router's own `<Link>` would do the same
 * but also brings its framework mode's route prefetching, which this app never uses, into the
 * first-visit bundle (2.7 KB gzip more).
 */
export function Link({ to, target, onClick, ...props }: LinkProps) {
  const href = useHref(to);
  const navigate = useLinkClickHandler(to, { target });
  return (
    <a
      {...props}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) navigate(event);
      }}
    />
  );
}

/**
 * A link that says `aria-current="page"` while the page it leads to (or one below it) is shown;
 * with `end`, only on exactly that page. Paths compare case-insensitively, as the router matches them.
 */
export function NavLink({ end = false, ...props }: LinkProps & { end?: boolean }) {
  const pathname = useLocation().pathname.toLowerCase();
  const target = props.to.toLowerCase();
  const current = pathname === target || (!end && pathname.startsWith(target.endsWith('/') ? target : `${target}/`));
  return <Link aria-current={current ? 'page' : undefined} {...props} />;
}
