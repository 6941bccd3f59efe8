import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { SettingsForm } from '@/features/settings/components/settings-form';
import { useSession } from '@/lib/auth';

export function SettingsRoute() {
  const session = useSession();
  // RequireAuth guarantees a session; it can end while the page is open (another tab signs out).
  if (!session) return null;
  return (
    <div className="container container--narrow">
      <title>Settings — Inkwell</title>
      <header className="page-header">
        <h1>Your settings</h1>
      </header>
      <SettingsForm user={session} />
      <section className="danger-zone" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Sign out</h2>
        <p className="muted">Sign out on this device. Your articles and settings stay as they are.</p>
        <Link to={paths.logout.href()} className="btn btn--secondary">
          Sign out
        </Link>
      </section>
    </div>
  );
}
