import { PASSWORD_MIN_LENGTH, USERNAME_MAX_LENGTH, USERNAME_PATTERN, htmlPattern } from '@inkwell/rules';
import { useState, type FormEvent } from 'react';

import { FormError, InputField } from '@/components/ui/field';
import { toFormErrors } from '@/lib/api-errors';
import type { SessionUser } from '@/lib/auth';

import { useSignUpMutation } from '../api/sign-up';

export function SignUpForm({ onSignedUp }: { onSignedUp: (user: SessionUser) => void }) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useSignUpMutation();
  const { fieldErrors, formError } = signUp.isError
    ? toFormErrors(signUp.error, ['username', 'email', 'password'] as const)
    : { fieldErrors: {}, formError: null };

  function submit(event: FormEvent) {
    event.preventDefault();
    signUp.mutate({ username: username.trim(), email: email.trim(), password }, { onSuccess: onSignedUp });
  }

  return (
    <form className="stack" onSubmit={submit}>
      <FormError message={formError} />
      <InputField
        label="Username"
        autoComplete="username"
        hint="Letters, digits, - and _. This is how readers will see you."
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={fieldErrors.username}
        required
        maxLength={USERNAME_MAX_LENGTH}
        pattern={htmlPattern(USERNAME_PATTERN)}
      />
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
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
        required
        minLength={PASSWORD_MIN_LENGTH}
      />
      <button type="submit" className="btn btn--primary btn--block" disabled={signUp.isPending}>
        {signUp.isPending ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
