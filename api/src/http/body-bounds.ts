// The shape of a JSON body, bounded before it is parsed and validated. Within the 1 MiB size
// limit a hostile body can still be expensive: 400,000 nested arrays took JSON.parse 200-450 ms,
// 80,000 object keys 100 ms to parse and as long again to walk, and 200,000 bad array items kept
// the validator (which reports every bad field: allErrors) collecting errors for most of a second,
// all on the event loop. The largest body the contract accepts has a few dozen values, three
// levels deep; so one pass over the raw bytes (a few milliseconds a megabyte) counts values and
// depth, and refuses a body past either bound before anything parses it. What gets through parses
// in well under a millisecond; its strings are then held to their fields' lengths before the
// validator runs its patterns and formats over them.
import { textLength } from '@inkwell/rules';
import type { RequestHandler } from 'express';
import { type ErrorMap, unprocessable, unsupportedMediaType } from '../errors.js';

/** Nesting of objects and arrays, at most. */
export const MAX_DEPTH = 16;
/** Objects, arrays and members or items (counted by their commas), at most. */
export const MAX_VALUES = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * express.json's `verify`: throws a 422 when the raw body nests deeper than MAX_DEPTH or holds
 * more than MAX_VALUES values, a 415 when it is not UTF-8 (as RFC 8259 requires of JSON). Scans
 * bytes: in UTF-8 no byte of a multi-byte character can be mistaken for `"`, `\`, `,` or a bracket.
 * A body that is not JSON at all is left to the parser, which says so.
 */
export function verifyJsonShape(_req: unknown, _res: unknown, body: Buffer, encoding: string | null): void {
  if (encoding !== null && !/^utf-?8$/i.test(encoding)) {
    throw unsupportedMediaType('body', 'must be JSON in UTF-8');
  }
  let depth = 0;
  let values = 0;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (byte === QUOTE) {
      // Jump to the closing quote (natively), past escaped ones: strings are most of a big body.
      i = closingQuote(body, i);
      if (i === -1) return;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      values += 1;
      if (depth > MAX_DEPTH) throw unprocessable({ body: [`is nested too deeply (at most ${MAX_DEPTH} levels)`] });
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1;
    } else if (byte === COMMA) {
      values += 1;
    }
    if (values > MAX_VALUES) throw unprocessable({ body: [`has too many values (at most ${MAX_VALUES})`] });
  }
}

/** Where the string opened at `start` ends, or -1 when it does not (the parser will say so). */
function closingQuote(body: Buffer, start: number): number {
  let end = start;
  for (;;) {
    end = body.indexOf(QUOTE, end + 1);
    if (end === -1) return -1;
    let backslashes = 0;
    while (body[end - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
  }
}

/** The longest text the document allows under each property name (the largest where names repeat). */
export type StringLimits = ReadonlyMap<string, number>;

/**
 * Reads every `maxLength` of the (bundled) document by the property it sits under; for an array
 * property, that of its items. Where a name means several things (`body` of an article and of a
 * comment), the largest wins: these limits only ever refuse what validation would refuse too.
 */
export function stringLimitsOf(document: unknown): StringLimits {
  const resolve = (node: unknown): Record<string, unknown> | undefined => {
    let current = node as Record<string, unknown> | undefined;
    for (let hops = 0; typeof current?.$ref === 'string' && current.$ref.startsWith('#/') && hops < 16; hops += 1) {
      let target: unknown = document;
      for (const part of current.$ref.slice(2).split('/')) {
        target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      current = target as Record<string, unknown> | undefined;
    }
    return current;
  };
  const limits = new Map<string, number>();
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const properties = (node as { properties?: unknown }).properties;
    if (properties !== null && typeof properties === 'object') {
      for (const [name, raw] of Object.entries(properties)) {
        const schema = resolve(raw);
        const max = schema?.maxLength ?? resolve(schema?.items)?.maxLength;
        if (typeof max === 'number') limits.set(name, Math.max(limits.get(name) ?? 0, max));
      }
    }
    stack.push(...Object.values(node));
  }
  return limits;
}

/**
 * Refuses (422) strings longer than their property's limit before validation, with the validator's
 * own words. The validator would refuse them too, but it checks every keyword of a field
 * (allErrors): a `pattern` or `format` run over a megabyte-long URL or email held the event loop
 * for 50-120 ms after `maxLength` had already failed. Runs on the parsed body, which
 * verifyJsonShape has kept small in values.
 */
export function boundStrings(limits: StringLimits): RequestHandler {
  return (req, _res, next) => {
    const errors: ErrorMap = {};
    const stack: Array<{ value: unknown; field: string }> = [{ value: req.body, field: 'body' }];
    while (stack.length > 0) {
      const { value, field } = stack.pop()!;
      if (typeof value === 'string') {
        const max = limits.get(field);
        if (max !== undefined && value.length > max && (value.length > 2 * max || textLength(value) > max)) {
          errors[field] = [`is too long (maximum is ${max} characters)`];
        }
      } else if (Array.isArray(value)) {
        for (const item of value) stack.push({ value: item, field });
      } else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) stack.push({ value: inner, field: key });
      }
    }
    next(Object.keys(errors).length > 0 ? unprocessable(errors) : undefined);
  };
}
