import { useNavigate, useSearchParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { safeRedirect } from '@/utils/safe-redirect';

export function SignInRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const signUpHref = params.has('redirectTo') ? `/register?redirectTo=${encodeURIComponent(redirectTo)}` : '/register';
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
