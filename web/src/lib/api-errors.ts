import { InkwellApiError } from '@inkwell/client';
import { UPLOAD_MAX_BYTES, formatBytes } from '@inkwell/rules';

/** Messages that continue their key ("is invalid") read as "email is invalid"; others stand alone. */
const CONTINUES_KEY = /^(is|are|has|have|can't|cannot|must|was|were|not|should)\b/;

/** Sentence for one key's messages, in Conduit's style: "Email has already been taken". */
function sentence(key: string, messages: string[]): string {
  const label = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const text = messages.map((m) => (CONTINUES_KEY.test(m) ? `${label} ${m}` : m)).join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What to do when an answer of this status carries no message of its own. */
const STATUS_ADVICE: Record<number, string> = {
  401: 'Your session has ended. Sign in again to continue.',
  403: "You don't have permission to do that.",
  404: "We couldn't find that. It may have been moved or deleted.",
  413: 'That is too large.',
  415: "That type of file isn't accepted.",
  429: 'There were too many attempts in a short time.',
  503: 'Inkwell is briefly unavailable. Try again in a minute.',
};

/** The next step after the API's own words, where there is an obvious one. */
const NEXT_STEP: Record<number, string> = {
  413: `Choose a smaller file: images can be at most ${formatBytes(UPLOAD_MAX_BYTES)}.`,
  415: 'Choose a JPEG, PNG, WebP, AVIF or GIF image.',
  429: 'Wait a minute, then try again.',
};

/** A message for people, saying what happened and what to do about it. */
export function describeError(error: unknown): string {
  if (!(error instanceof InkwellApiError)) {
    return "We couldn't reach Inkwell. Check your connection, then try again.";
  }
  const next = NEXT_STEP[error.status];
  // A rejected token says nothing useful to a reader; the advice to sign in again does.
  const tokenRejected = error.status === 401 && 'token' in error.errors;
  if (error.status < 500 && !tokenRejected) {
    const details = Object.entries(error.errors).map(([key, messages]) => sentence(key, messages));
    if (details.length > 0) return [`${details.join('. ')}.`, next].filter(Boolean).join(' ');
  }
  const advice = STATUS_ADVICE[error.status];
  if (advice) return [advice, next].filter(Boolean).join(' ');
  return 'Something went wrong on our side. Try again in a moment; if it keeps happening, reload the page.';
}

/**
 * Splits an error onto a form: messages for the named fields go beside them, everything else
 * (other fields, topics such as `credentials`, non-422 statuses) becomes one form-level message.
 */
export function toFormErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): { fieldErrors: Partial<Record<Field, string>>; formError: string | null } {
  const fieldErrors: Partial<Record<Field, string>> = {};
  if (!(error instanceof InkwellApiError) || error.status !== 422) {
    return { fieldErrors, formError: describeError(error) };
  }
  const rest: string[] = [];
  for (const [field, messages] of Object.entries(error.errors)) {
    if ((fields as readonly string[]).includes(field)) {
      fieldErrors[field as Field] = sentence(field, messages);
    } else {
      rest.push(sentence(field, messages));
    }
  }
  const formError =
    rest.length > 0 ? `${rest.join('. ')}.` : Object.keys(fieldErrors).length > 0 ? null : describeError(error);
  return { fieldErrors, formError };
}
