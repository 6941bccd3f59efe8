import { describe, expect, test } from '@jest/globals';
import { AppError } from '../../src/errors.js';
import { fromValidationItems, toAppError } from '../../src/http/error-mapping.js';

describe('fromValidationItems', () => {
  test.each([
    [
      {
        path: '/body/user/email',
        errorCode: 'required.openapi.validation',
        message: "must have required property 'email'",
      },
      { email: ["can't be blank"] },
    ],
    [
      {
        path: '/body/user/password',
        errorCode: 'minLength.openapi.validation',
        message: 'must NOT have fewer than 8 characters',
      },
      { password: ['is too short (minimum is 8 characters)'] },
    ],
    [
      {
        path: '/body/article/title',
        errorCode: 'minLength.openapi.validation',
        message: 'must NOT have fewer than 1 characters',
      },
      { title: ["can't be blank"] },
    ],
    [
      { path: '/body/article/title', errorCode: 'pattern.openapi.validation', message: 'must match pattern "\\S"' },
      { title: ["can't be blank"] },
    ],
    [
      {
        path: '/body/article/title',
        errorCode: 'maxLength.openapi.validation',
        message: 'must NOT have more than 200 characters',
      },
      { title: ['is too long (maximum is 200 characters)'] },
    ],
    [
      {
        path: '/body/article/tagList/3',
        errorCode: 'maxLength.openapi.validation',
        message: 'must NOT have more than 40 characters',
      },
      { tagList: ['is too long (maximum is 40 characters)'] },
    ],
    [
      { path: '/query/limit', errorCode: 'maximum.openapi.validation', message: 'must be <= 100' },
      { limit: ['must be less than or equal to 100'] },
    ],
    [
      { path: '/query/limit', errorCode: 'type.openapi.validation', message: 'must be integer' },
      { limit: ['must be integer'] },
    ],
    [{ path: '/query/tag', message: "Empty value found for query parameter 'tag'" }, { tag: ["can't be blank"] }],
  ])('When the validator reports %j, then the client reads %j', (item, expected) => {
    expect(fromValidationItems([item])).toEqual(expected);
  });

  test('When one field fails twice the same way, then its message is listed once', () => {
    const item = {
      path: '/body/user/email',
      errorCode: 'format.openapi.validation',
      message: 'must match format "email"',
    };

    expect(fromValidationItems([item, item])).toEqual({ email: ['is invalid'] });
  });
});

describe('toAppError', () => {
  test('When an unknown error is thrown, then it becomes a non-operational 500 that says nothing of it', () => {
    const error = toAppError(new Error('relation "users" does not exist'));

    expect(error.status).toBe(500);
    expect(error.operational).toBe(false);
    expect(error.errors).toEqual({ server: ['internal error'] });
  });

  test.each([
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['57P01', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('When the database is gone (%s), then it becomes 503 database', (_name, cause) => {
    const error = toAppError(cause);

    expect(error.status).toBe(503);
    expect(error.errors).toEqual({ database: ['is unavailable, retry later'] });
  });

  test('When an AppError is thrown, then it passes through unchanged', () => {
    const original = new AppError(403, { article: ['can only be changed by its author'] });

    expect(toAppError(original)).toBe(original);
  });
});
