// Validation messages in Laravel's wording ("The subject field is required.", "The selected
// status is invalid."), from zod issues and domain field errors alike, so a TaskIP client
// never sees zod's phrasing or the domain's internal names.
import type { FieldErrors } from '../../domain/errors.js';

/** Laravel's :attribute: the wire key with underscores as spaces ("assigned_to" -> "assigned to"). */
export const attribute = (key: string) => key.replace(/\[\]$/, '').replace(/_/g, ' ');

interface Issue {
  keyword?: string;
  instancePath: string;
  message?: string;
  params?: { expected?: unknown; origin?: unknown; maximum?: unknown; minimum?: unknown; format?: unknown };
}

const EXPECTED: Record<string, string> = {
  string: 'must be a string',
  number: 'must be a number',
  int: 'must be an integer',
  boolean: 'field must be true or false',
  array: 'must be an array',
  object: 'must be an array',
};

/** One issue of a schema error, said as Laravel's validator says it. */
function issueMessage(issue: Issue, attr: string): string {
  const msg = issue.message ?? '';
  // Messages written for this dialect already read like Laravel's.
  if (/^The /.test(msg)) return msg;
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'invalid_type':
      if (/received (undefined|null)$/.test(msg)) return `The ${attr} field is required.`;
      return `The ${attr} ${EXPECTED[String(p.expected)] ?? 'is invalid'}.`;
    case 'invalid_value':
    case 'invalid_union':
      return `The selected ${attr} is invalid.`;
    case 'too_big':
      if (p.origin === 'string') return `The ${attr} may not be greater than ${String(p.maximum)} characters.`;
      if (p.origin === 'array') return `The ${attr} may not have more than ${String(p.maximum)} items.`;
      return `The ${attr} may not be greater than ${String(p.maximum)}.`;
    case 'too_small':
      if (p.origin === 'string' && Number(p.minimum) <= 1) return `The ${attr} field is required.`;
      if (p.origin === 'string') return `The ${attr} must be at least ${String(p.minimum)} characters.`;
      if (p.origin === 'array') return `The ${attr} must have at least ${String(p.minimum)} items.`;
      return `The ${attr} must be at least ${String(p.minimum)}.`;
    case 'invalid_format':
      return p.format === 'regex' && msg && !/^Invalid/.test(msg) ? `The ${attr} ${msg}.` : `The ${attr} format is invalid.`;
    default:
      return `The ${attr} is invalid.`;
  }
}

/** Schema issues -> `{wire key: [Laravel messages]}` (nested keys dotted, as Laravel names them). */
export function schemaFields(issues: Issue[], context: string | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || context || 'request';
    (out[key] ??= []).push(issueMessage(issue, attribute(key)));
  }
  return out;
}

/** A domain message about wire field `key`, in Laravel's words. */
export function domainMessage(key: string, message: string): string {
  const attr = attribute(key);
  if (/^The /.test(message)) return message;
  if (/does not exist|is not a user|must be an agent|not a member|does not belong|is not a (channel|field)|belongs to another/.test(message)) return `The selected ${attr} is invalid.`;
  if (/must not be empty|is required/.test(message)) return `The ${attr} field is required.`;
  const max = /at most (\d+) characters/.exec(message);
  if (max) return `The ${attr} may not be greater than ${max[1]} characters.`;
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;
}
