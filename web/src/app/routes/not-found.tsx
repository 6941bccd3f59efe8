import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';

const WHAT = {
  page: {
    title: 'Page not found',
    text: "There's nothing at this address. It may have moved, or the link may be mistyped.",
  },
  article: {
    title: 'Article not found',
    text: 'This article may have been deleted by its author, or its title (and so its address) changed.',
  },
  profile: {
    title: 'Profile not found',
    text: 'No one goes by that name here. Check the spelling, or search for their articles.',
  },
} as const;

export function NotFoundRoute({ what = 'page' }: { what?: keyof typeof WHAT }) {
  const { title, text } = WHAT[what];
  return (
    <div className="container container--narrow not-found">
      <title>{`${title} — Inkwell`}</title>
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{title}</h1>
      <p>{text}</p>
      <p className="button-row">
        <Link to={paths.home.href()} className="btn btn--primary">
          Go to the home page
        </Link>
        <Link to={paths.search.href()} className="btn btn--secondary">
          Search articles
        </Link>
      </p>
    </div>
  );
}
