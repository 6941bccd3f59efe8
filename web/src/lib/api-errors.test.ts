import { InkwellApiError } from '@inkwell/client';
import { describe, expect, test } from '@jest/globals';

import { describeError, toFormErrors } from './api-errors';

/** The error the client throws for an answer of `status` with `body`. */
const apiError = (status: number, body: unknown) => new InkwellApiError(new Response(null, { status }), body);

describe('describeError', () => {
  test('When the API explains a 4xx, then its words are used, with the next step where there is one', () => {
    expect(describeError(apiError(404, { errors: { article: ['not found'] } }))).toBe('Article not found.');
    expect(describeError(apiError(401, { errors: { credentials: ['email or password is invalid'] } }))).toBe(
      'Email or password is invalid.',
    );
    expect(describeError(apiError(413, { errors: { file: ['is larger than 10 MiB'] } }))).toBe(
      'File is larger than 10 MiB. Choose a smaller file: images can be at most 10 MiB.',
    );
  });

  test('When a token is refused, then the reader is told to sign in again', () => {
    expect(describeError(apiError(401, { errors: { token: ['is missing or invalid'] } }))).toBe(
      'Your session has ended. Sign in again to continue.',
    );
  });

  test('When the server fails or cannot be reached, then nothing internal is shown and the advice is to retry', () => {
    expect(describeError(apiError(500, { errors: { server: ['internal error'] } }))).toMatch(
      /^Something went wrong on our side/,
    );
    expect(describeError(apiError(502, '<html>Bad gateway</html>'))).toMatch(/^Something went wrong on our side/);
    expect(describeError(apiError(503, { errors: { database: ['is unavailable'] } }))).toBe(
      'Inkwell is briefly unavailable. Try again in a minute.',
    );
    expect(describeError(new TypeError('fetch failed'))).toBe(
      "We couldn't reach Inkwell. Check your connection, then try again.",
    );
  });
});

describe('toFormErrors', () => {
  test('When a 422 names form fields, then each message goes beside its field and the rest above the form', () => {
    const error = apiError(422, { errors: { email: ['has already been taken'], body: ['is not valid JSON'] } });

    expect(toFormErrors(error, ['email', 'password'])).toEqual({
      fieldErrors: { email: 'Email has already been taken' },
      formError: 'Body is not valid JSON.',
    });
  });

  test('When the error is not a validation error, then it becomes one form-level message', () => {
    expect(
      toFormErrors(apiError(429, { errors: { credentials: ['too many failed sign-in attempts, retry later'] } }), [
        'email',
      ]),
    ).toEqual({
      fieldErrors: {},
      formError: 'Too many failed sign-in attempts, retry later. Wait a minute, then try again.',
    });
  });
});
