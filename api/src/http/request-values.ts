// Values the validator lets through but nothing after it can take, refused with a 422 naming the
// field:
// - Control characters: NUL (PostgreSQL cannot store it in text at all: the insert failed with a
//   500), the other C0 controls, DEL and the C1 controls. Tab, line feed and carriage return are
//   text, which the Conduit rules keep (a title may span lines, a tag may hold a tab; see
//   @inkwell/rules' cases); where a field cannot hold them, its own pattern says so (usernames).
// - Numbers that are not finite. The validator turns `?limit=1e309` into Infinity and then lets it
//   pass `maximum` (Ajv's coercion skips the check), and SQL cannot take it.
//
// Checked in one place, for every operation, between validation and the handler (see
// operation-router.ts), rather than as a `pattern` in the contract: a pattern would have to be
// repeated on every string schema and parameter (and remembered on each new one), could not be
// combined with the existing `\S` patterns without rewriting them, and would answer a vague "is
// invalid". Here path parameters, query strings and JSON bodies are covered alike, and the answer
// names the field and says what is wrong. The contract states the rule once, with the errors.
import type { ErrorMap } from '../errors.js';

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';
const NOT_FINITE_MESSAGE = 'must be a finite number';

/** What a validated request carries, by where it came from. */
interface RequestValues {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/**
 * The fields holding control characters or numbers that are not finite, or null when there are
 * none. Each value is named by its nearest property name (`/body/article/tagList/2` → `tagList`),
 * as validation errors are. Walks without recursion: no body can overflow the stack.
 */
export function unusableValueErrors(values: RequestValues): ErrorMap | null {
  const errors: ErrorMap = {};
  const flag = (field: string, message = CONTROL_CHARACTER_MESSAGE): void => {
    errors[field] ??= [message];
  };
  const stack: Array<{ value: unknown; field: string }> = [
    { value: values.params, field: 'path' },
    { value: values.query, field: 'query' },
    { value: values.body, field: 'body' },
  ];
  while (stack.length > 0) {
    const { value, field } = stack.pop()!;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) flag(field);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) flag(field, NOT_FINITE_MESSAGE);
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, field });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        // A name with control characters is no field of ours: the object holding it is refused.
        if (CONTROL.test(key)) flag(field);
        else stack.push({ value: inner, field: key });
      }
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
