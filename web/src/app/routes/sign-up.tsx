import { useNavigate, useSearchParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { SignUpForm } from '@/features/auth/components/sign-up-form';
import { safeRedirect } from '@/utils/safe-redirect';

export function SignUpRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requested = paths.register.read(params).redirectTo;
  const redirectTo = safeRedirect(requested);
  return (
    <div className="container auth-page">
      <title>Create an account — Inkwell</title>
      <div className="auth-card">
        <h1>Create an account</h1>
        <p className="muted">
          Already have one?{' '}
          <Link to={paths.login.href({ redirectTo: requested === undefined ? undefined : redirectTo })}>Sign in</Link>.
        </p>
        <SignUpForm onSignedUp={() => navigate(redirectTo, { replace: true })} />
      </div>
    </div>
  );
}
