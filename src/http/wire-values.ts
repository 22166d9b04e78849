// Scalar values as real HTTP clients send them, parsed once for every dialect:
// Python `requests` writes booleans as True/False, PHP `http_build_query` as 1/0, JS as
// true/false; forms and PHP clients send numbers as strings; an empty `x=` means "not given".
import { z } from 'zod';

const INT_MAX = 2147483647;

/**
 * One of a few keywords in a query string: any case, surrounding blanks ignored, and an
 * empty value is absent (`undefined`), as if the key were not sent.
 */
export function keywordQuery<const T extends readonly [string, ...string[]]>(words: T, message = `must be one of ${words.join(', ')}`) {
  const pattern = new RegExp(`^\\s*(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})?\\s*$`, 'i');
  return z
    .string()
    .regex(pattern, message)
    .transform((v) => (v.trim().toLowerCase() || undefined) as T[number] | undefined);
}

const BOOL_WORDS = ['true', 'false', '1', '0'] as const;

/** A boolean query parameter: true/false in any case, 1/0; empty is absent. */
export function boolQuery() {
  return keywordQuery(BOOL_WORDS, 'must be true or false').transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));
}

/** A boolean in a JSON or form body: a JSON boolean, 1/0, or true/false/1/0 as a string (any case). */
export function boolInput(message = 'must be true or false') {
  return z.union(
    [
      z.boolean(),
      z.union([z.literal(0), z.literal(1)]).transform((n) => n === 1),
      z
        .string()
        .regex(/^\s*(?:true|false|1|0)\s*$/i, message)
        .transform((s) => ['true', '1'].includes(s.trim().toLowerCase())),
    ],
    { error: message },
  );
}

/**
 * A number, or the decimal string a form or a PHP/Laravel client sends for it ("3", " 3 ").
 * `inner` keeps its own checks and messages for both shapes.
 */
export function numberInput<T extends z.ZodType<number, number>>(inner: T, notNumber: string, missing = notNumber) {
  return z.union(
    [
      inner,
      z
        .string()
        .regex(/^\s*-?\d+(?:\.\d+)?\s*$/, notNumber)
        .transform((s) => Number(s))
        .pipe(inner),
    ],
    { error: (iss) => (iss.input == null ? missing : notNumber) },
  );
}

/** The id no row ever has: a path id beyond the 32-bit range names nothing, so it is looked up as this. */
export const NO_SUCH_ID = 0;

/**
 * A numeric path id: decimal digits only (no signs, blanks, hex or exponents). Out of the
 * 32-bit range it is a well-formed id of nothing: it becomes NO_SUCH_ID and the lookup
 * answers the dialect's 404. Anything else fails validation with `message`, which each
 * dialect renders as its vendor does (400 or 404).
 */
export function pathId(message = 'must be numeric') {
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform((s) => {
      const n = Number(s);
      return n >= 1 && n <= INT_MAX ? n : NO_SUCH_ID;
    })
    .meta({ type: 'integer' });
}

/** A numeric id in a query string or body: decimal digits (or a number) within 1..2^31-1. */
export function idInput(message = 'must be a numeric id') {
  return numberInput(z.number().int(message).min(1, message).max(INT_MAX, message), message);
}
