// Wire schemas of the CRM Tickets API. Bodies arrive form-encoded (every value a string,
// repeated keys as arrays) or as JSON, so scalar inputs accept both shapes and the error
// messages read like the vendor's form validation ("The ticket subject field is required.").
import { z } from 'zod';
import { pathId } from '../../http/wire-values.js';

const INT_MAX = 2147483647;
const label = (key: string) => key.replace(/[_[\]]+/g, ' ').trim();
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const requiredMsg = (key: string) => `The ${label(key)} field is required.`;

/** A positive integer id given as a number or a digit string. */
export function idInput(key: string) {
  const error = (iss: { input?: unknown }) => (blank(iss.input) ? requiredMsg(key) : `The ${label(key)} must be an integer.`);
  return z
    // The union's own error is what a client sees when neither shape fits (e.g. the key is missing).
    .union([z.number({ error }).int({ error }).positive({ error }), z.string({ error }).trim().regex(/^\d+$/, { error })], { error })
    .transform(Number)
    .refine((n) => n > 0 && n <= INT_MAX, { error: `The selected ${label(key)} is invalid.` });
}

/** An optional id: absent leaves it unchanged, null or "" clears it (null). */
export function optionalIdInput(key: string) {
  const error = () => `The ${label(key)} must be an integer.`;
  return z
    .union([z.number({ error }).int({ error }).positive({ error }), z.string({ error }).trim().regex(/^\d*$/, { error }), z.null()], { error })
    .transform((v) => (v === null || v === '' ? null : Number(v)))
    .refine((n) => n === null || n <= INT_MAX, { error: `The selected ${label(key)} is invalid.` })
    .optional();
}

/** Writes take both encodings; the documents list both. */
export const consumes = ['application/x-www-form-urlencoded', 'application/json'];

/** A required non-blank string. */
export function textInput(key: string, max?: number) {
  const error = (iss: { input?: unknown }) => (blank(iss.input) ? requiredMsg(key) : `The ${label(key)} must be a string.`);
  const s = z.string({ error }).trim().min(1, { error: requiredMsg(key) });
  return max ? s.max(max, { error: `The ${label(key)} may not be greater than ${max} characters.` }) : s;
}

/** One of a fixed set of values. */
export function enumInput<const T extends readonly [string, ...string[]]>(key: string, values: T) {
  return z.enum(values, { error: (iss) => (blank(iss.input) ? requiredMsg(key) : `The selected ${label(key)} is invalid.`) });
}

/** Tags as `tags[]` / `tags` (an array or a comma-separated string). */
const tagValue = z.union([z.string(), z.array(z.string())]);
export const TagsFields = {
  'tags[]': tagValue.optional().describe('Tag titles (form-encoded `tags[]=a&tags[]=b`).'),
  tags: tagValue.optional().describe('Tag titles: an array, or a comma-separated string.'),
};

/** Enabled custom fields addressed by key: `custom_fields[<key>]=v` (form) or `custom_fields: {<key>: v}` (JSON). */
export const CustomFieldsField = {
  custom_fields: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Custom field values by field key; form-encoded as `custom_fields[<key>]=value` (`custom_fields[<key>][]=a` for multi-select).'),
};

// ---- responses ----

export const StatusObject = z.object({ id: z.number().int().min(1).max(5), title: z.string() });

export const Ticket = z
  .object({
    id: z.number().int(),
    subject: z.string(),
    message: z.string(),
    status: StatusObject,
    priority: z.enum(['normal', 'high', 'urgent']),
    source: z.enum(['web', 'email']),
    active_state: z.enum(['active', 'archived']),
    department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    client: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    project_id: z.number().int().nullable(),
    creator_id: z.number().int().nullable(),
    dates: z.object({ created: z.string(), last_updated: z.string(), status_changed: z.string().nullable() }),
    replies_count: z.number().int().describe('Entries in the conversation: replies and notes.'),
    tags: z.array(z.string()),
    custom_fields: z.record(z.string(), z.unknown()).describe('Custom field values by field key.'),
  })
  .describe('The ticket object');

export const Reply = z
  .object({
    id: z.number().int(),
    ticket_id: z.number().int(),
    text: z.string(),
    type: z.enum(['reply', 'note']),
    creator_id: z.number().int().nullable(),
    creator_name: z.string().nullable(),
    dates: z.object({ created: z.string() }),
  })
  .describe('A reply or internal note of the conversation');

export const Meta = z.object({
  current_page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
  last_page: z.number().int(),
});

export const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
export const page = <T extends z.ZodType>(schema: T) => z.object({ data: z.array(schema), meta: Meta });

export const ErrorBody = z.object({ message: z.string(), errors: z.record(z.string(), z.array(z.string())).optional() });

export const Deleted = data(z.object({ id: z.number().int(), deleted: z.literal(true) }));

/** Error responses: 401 on every route, 404 where a ticket is named, 422 where input is validated. */
export const errors401 = { 401: ErrorBody.describe('Missing or invalid API key') };
export const errors404 = { ...errors401, 404: ErrorBody.describe('The ticket (or reply) does not exist') };
export const errors422 = { ...errors404, 422: ErrorBody.describe('Validation failed: `errors` names each field') };

// Digits only; out of range or anything else names no ticket (404, see errors.ts).
export const TicketParams = z.object({ id: pathId().describe('ticket_id') });
export const ReplyParams = TicketParams.extend({ reply_id: pathId().describe('ticketreply_id') });
