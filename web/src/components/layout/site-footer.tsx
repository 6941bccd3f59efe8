import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <Link to={paths.home.href()} className="wordmark wordmark--small">
          Inkwell
        </Link>
        <p>Write, illustrate and share. Speaks the RealWorld API, so any Conduit client works too.</p>
      </div>
    </footer>
  );
}
