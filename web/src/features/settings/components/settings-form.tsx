import {
  BIO_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_PATTERN,
  avatarUrl,
  htmlPattern,
} from '@inkwell/rules';
import { useState, type FormEvent } from 'react';

import { FormError, InputField, TextareaField } from '@/components/ui/field';
import { ImageUpload } from '@/components/ui/image-upload';
import { toFormErrors } from '@/lib/api-errors';
import type { SessionUser } from '@/lib/auth';

import { useUpdateUser, type UserChanges } from '../api/update-user';

const FIELDS = ['image', 'username', 'bio', 'email', 'password'] as const;

/** Profile and account fields; sends only what changed. */
export function SettingsForm({ user }: { user: SessionUser }) {
  const [image, setImage] = useState<string | null>(user.image || null);
  const [username, setUsername] = useState(user.username);
  const [bio, setBio] = useState(user.bio);
  const [email, setEmail] = useState(user.email);
  const [password, setPassword] = useState('');
  const update = useUpdateUser();
  const { fieldErrors, formError } = update.isError
    ? toFormErrors(update.error, FIELDS)
    : { fieldErrors: {}, formError: null };

  function changes(): UserChanges {
    const next: UserChanges = {};
    if ((image ?? '') !== user.image) next.image = image ?? '';
    if (username.trim() !== user.username) next.username = username.trim();
    if (bio !== user.bio) next.bio = bio;
    if (email.trim() !== user.email) next.email = email.trim();
    if (password) next.password = password;
    return next;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = changes();
    if (Object.keys(next).length === 0) return;
    update.mutate(next, { onSuccess: () => setPassword('') });
  }

  return (
    <form className="stack" onSubmit={submit}>
      <FormError message={formError} />
      {update.isSuccess ? (
        <p className="notice notice--success" role="status">
          Your settings are saved.
        </p>
      ) : null}
      <ImageUpload
        label="Profile picture"
        shape="avatar"
        value={image}
        onChange={setImage}
        toUrl={(asset) => avatarUrl(asset)}
        hint="A square image works best; it is shown small, beside your name."
      />
      {fieldErrors.image ? <p className="field__error">{fieldErrors.image}</p> : null}
      <InputField
        label="Username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={fieldErrors.username}
        required
        maxLength={USERNAME_MAX_LENGTH}
        pattern={htmlPattern(USERNAME_PATTERN)}
      />
      <TextareaField
        label="Bio"
        hint="A line or two about you, shown on your profile."
        value={bio}
        onChange={(e) => setBio(e.target.value)}
        error={fieldErrors.bio}
        rows={4}
        maxLength={BIO_MAX_LENGTH}
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
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to keep your current password."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
        minLength={PASSWORD_MIN_LENGTH}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
