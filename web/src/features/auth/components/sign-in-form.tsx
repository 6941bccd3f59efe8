import { useState, type FormEvent } from 'react';

import { FormError, InputField } from '@/components/ui/field';
import { toFormErrors } from '@/lib/api-errors';
import type { SessionUser } from '@/lib/auth';

import { useSignInMutation } from '../api/sign-in';

export function SignInForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignInMutation();
  const { fieldErrors, formError } = signIn.isError
    ? toFormErrors(signIn.error, ['email', 'password'] as const)
    : { fieldErrors: {}, formError: null };

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
  }

  return (
    <form className="stack" onSubmit={submit}>
      <FormError message={formError} />
      <InputField
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldErrors.email}
        required
      />
      <InputField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
        required
      />
      <button type="submit" className="btn btn--primary btn--block" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
