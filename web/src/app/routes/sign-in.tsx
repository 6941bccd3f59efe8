import { useNavigate, useSearchParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { safeRedirect } from '@/utils/safe-redirect';

export function SignInRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requested = paths.login.read(params).redirectTo;
  const redirectTo = safeRedirect(requested);
  // Signing up instead still leads back to where the reader was going.
  const signUpHref = paths.register.href({ redirectTo: requested === undefined ? undefined : redirectTo });
  return (
    <div className="container auth-page">
      <title>Sign in — Inkwell</title>
      <div className="auth-card">
        <h1>Sign in</h1>
        <p className="muted">
          New here? <Link to={signUpHref}>Create an account</Link>.
        </p>
        <SignInForm onSignedIn={() => navigate(redirectTo, { replace: true })} />
      </div>
    </div>
  );
}
