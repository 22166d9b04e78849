// TaskIP wire schemas: request bodies, queries and params, and response shapes.
import { z } from 'zod';
import { PRIORITY_NAMES, STATUS_NAMES } from './values.js';
import { dayStart } from './format.js';
import { boolInput, numberInput, pathId } from '../../http/wire-values.js';

/** Laravel's wording for a missing (or null, as Laravel sees "") field; other failures keep zod's message. */
const required = (field: string) => ({
  error: (iss: { input?: unknown }) => (iss.input == null ? `The ${field} field is required.` : undefined),
});
const mustBeInt = (field: string) => `The ${field} must be an integer.`;
/** Laravel coerces "3" as it does 3: a PHP client or a form sends numbers as strings. */
const isRequired = (field: string) => `The ${field} field is required.`;
const int = (field: string) => numberInput(z.number(required(field)).int(mustBeInt(field)), mustBeInt(field), isRequired(field));
const id = (field: string) =>
  numberInput(z.number(required(field)).int(mustBeInt(field)).positive(`The selected ${field} is invalid.`).max(2147483647, `The selected ${field} is invalid.`), mustBeInt(field), isRequired(field));
const bool = (field: string) => boolInput(`The ${field} field must be true or false.`);
const STATUS_DOC = '0 open, 1 in progress, 2 resolved, 3 closed, 4 pending';
const PRIORITY_DOC = '0 low, 1 normal, 2 medium, 3 high, 4 urgent';
/** An integer code 0..4 (status, priority), with Laravel's wording for a bad one. */
const code = (field: string, doc: string) =>
  numberInput(z.number(required(field)).int(`The selected ${field} is invalid.`).min(0, `The selected ${field} is invalid.`).max(4, `The selected ${field} is invalid.`), mustBeInt(field), isRequired(field)).describe(doc);
const status = code('status', STATUS_DOC);
const priority = code('priority', PRIORITY_DOC);
/** A calendar date YYYY-MM-DD that exists (no 2024-02-30 rolling over into March). */
const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD format')
  .refine((s) => {
    // Runs even when the pattern failed (zod 4 keeps checking), so guard the parse.
    const d = dayStart(s);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a valid date');

// ---- params ----
// Digits only (no 0x9, 1e1, -1); anything else or out of range names no ticket (404).
export const IdParams = z.object({ id: pathId().describe('Ticket ID') });
export const UuidParams = z.object({ uuid: z.string().describe('Support ticket UUID') });
export const NoteParams = z.object({ uuid: z.string().describe('Support ticket UUID'), id: pathId().describe('Note ID') });
export const DownloadParams = z.object({ id: pathId().describe('Ticket ID'), attachmentId: pathId().describe('Attachment ID') });

// ---- support-ticket family ----
export const ListQuery = z.object({
  page: numberInput(z.number().int().min(1), 'The page must be an integer.').default(1),
  limit: numberInput(z.number().int().min(1).max(1000), 'The limit must be an integer.').default(50),
  search: z.string().max(200).optional(),
  sort: z.enum(['created_at', 'updated_at', 'priority', 'status']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.enum([...STATUS_NAMES, '0', '1', '2', '3', '4']).optional(),
  priority: z.enum([...PRIORITY_NAMES, '0', '1', '2', '3', '4']).optional(),
  assigned_to: id('assigned_to').optional(),
  client_id: id('client_id').optional(),
  category: z.string().max(200).optional().describe('Category (queue) name'),
  date_from: ymd.optional(),
  date_to: ymd.optional(),
});

const ticketFields = {
  subject: z.string(required('subject')).trim().min(1, 'The subject field is required.').max(191, 'The subject may not be greater than 191 characters.'),
  priority: priority,
  status: status.optional(),
  description: z.string().max(1_000_000).nullable().optional(),
  attachment: id('attachment').nullable().optional().describe('Attachment media ID'),
  created_by: id('created_by').optional().describe('ID of user who created the ticket'),
  user_id: id('user_id').optional().describe('ID of user associated with the ticket'),
  // Fields of the vendor's ticket object a CRM sync also writes.
  category: z.string().max(200).nullable().optional().describe('Category (queue) name'),
  client_id: id('client_id').nullable().optional().describe('Client (organization) ID'),
  assigned_to: id('assigned_to').nullable().optional().describe('Assigned team member ID'),
};
export const CreateBody = z.object({ ...ticketFields, priority });
export const UpdateBody = z.object({ ...ticketFields, subject: ticketFields.subject.optional(), priority: priority.optional() });
export type TicketWrite = z.infer<typeof UpdateBody>;

export const BulkBody = z.object({
  ticket_ids: z.array(id('ticket_ids'), required('ticket ids')).min(1).max(1000),
  action: z.enum(['delete', 'status_update', 'assign', 'add_tags'], required('action')),
  parameters: z
    .object({
      status: z.union([z.enum(STATUS_NAMES), status]).optional(),
      resolution_notes: z.string().max(100_000).optional(),
      assigned_to: id('assigned_to').nullable().optional(),
      tags: z.array(z.string().min(1).max(100)).optional(),
    })
    .optional(),
});

export const ReplyBody = z.object({
  description: z.string(required('description')).min(1, 'The description field is required.').max(1_000_000),
  status: status.optional(),
  attachment: id('attachment').nullable().optional(),
});
export const PriorityBody = z.object({ priority });
export const StatusBody = z.object({
  status,
  resolution_notes: z.string().max(100_000).optional(),
});
export const NoteBody = z
  .object({
    note: z.string().max(1_000_000).optional().describe('Note text (alias: description)'),
    description: z.string().max(1_000_000).optional(),
    attachment: id('attachment').nullable().optional(),
  })
  .refine((b) => Boolean((b.note ?? b.description)?.trim()), { message: 'The note field is required.', path: ['note'] });

const Person = z.object({ id: z.number(), name: z.string(), email: z.string().nullable() });
const Media = z.object({ id: z.number(), url: z.string(), name: z.string(), size: z.number() });
const Stamp = { createAt: z.string(), date: z.string(), time: z.string() };

export const TicketWire = z.object({
  id: z.number(),
  uuid: z.string(),
  subject: z.string(),
  created_by: Person.nullable(),
  user: Person.nullable(),
  priority: z.number(),
  status: z.number(),
  description: z.string().nullable(),
  attachment: Media.nullable(),
  ...Stamp,
  // From the vendor's "Support Ticket Object" schema, for syncing clients.
  ticket_number: z.string(),
  title: z.string().describe('The subject (the Support Ticket Object calls it title)'),
  category: z.string().nullable(),
  client_id: z.number().nullable(),
  client_name: z.string().nullable(),
  client_email: z.string().nullable(),
  assigned_to: z.number().nullable(),
  assigned_to_name: z.string().nullable(),
  resolution_notes: z.string().nullable(),
  estimated_resolution_time: z.string().nullable().describe('The deadline, ISO 8601'),
  actual_resolution_time: z.string().nullable(),
  tags: z.array(z.string()),
  custom_fields: z.record(z.string(), z.unknown()).nullable(),
  reply_count: z.number(),
  attachment_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TicketWire = z.infer<typeof TicketWire>;

export const MessageWire = z.object({ id: z.number(), user: Person.nullable(), description: z.string(), attachment: Media.nullable(), ...Stamp });
export type MessageWire = z.infer<typeof MessageWire>;

export const ListResponse = z.object({ data: z.array(TicketWire), status: z.number() });
export const TicketResponse = z.object({ data: TicketWire, status: z.number(), msg: z.string() });
export const MsgResponse = z.object({ msg: z.string(), status: z.number().optional() });
export const ReplyResponse = z.object({ msg: z.string(), status: z.number(), reply: MessageWire });
export const NoteResponse = z.object({ msg: z.string(), status: z.number(), note: MessageWire });

// ---- ticket/{id} family ----
export const AssignBody = z.object({
  assigned_to: id('assigned_to').describe('Team member ID to assign the ticket'),
  reason: z.string().max(10_000).optional(),
  notify_assignee: bool('notify_assignee').optional().default(true),
});
export const TicketStatusBody = z.object({
  status: z.enum(STATUS_NAMES, required('status')),
  resolution_notes: z.string().max(100_000).optional(),
  notify_client: bool('notify_client').optional(),
});
export const AddReplyBody = z.object({
  message: z.string(required('message')).min(1, 'The message field is required.').max(1_000_000),
  author_type: z.enum(['team_member', 'client', 'system']).optional(),
  is_private: bool('is_private').optional().default(false),
  notify_client: bool('notify_client').optional(),
});
export const AnalyticsQuery = z.object({
  period: z.enum(['day', 'week', 'month', 'year']).default('month'),
  start_date: ymd.optional(),
  end_date: ymd.optional(),
  group_by: z.enum(['status', 'priority', 'category', 'assignee']).optional(),
});

const ok = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), message: z.string(), data });
export const AssignResponse = ok(
  z.object({ ticket_id: z.number(), previous_assignee: z.string().nullable(), new_assignee: z.string(), assigned_at: z.string(), reason: z.string().nullable() }),
);
export const TicketStatusResponse = ok(
  z.object({
    ticket_id: z.number(),
    old_status: z.string(),
    new_status: z.string(),
    resolution_notes: z.string().nullable(),
    actual_resolution_time: z.string().nullable(),
    updated_at: z.string(),
  }),
);
export const AddReplyResponse = ok(
  z.object({
    reply_id: z.number(),
    ticket_id: z.number(),
    message: z.string(),
    author: z.string(),
    author_type: z.string(),
    is_private: z.boolean(),
    created_at: z.string(),
  }),
);
const FileWire = z.object({ id: z.number(), filename: z.string(), original_filename: z.string(), file_size: z.number(), mime_type: z.string(), uploaded_at: z.string() });
export const UploadResponse = ok(z.object({ ticket_id: z.number(), uploaded_files: z.array(FileWire) }));
export const AttachmentWire = FileWire.extend({ download_url: z.string(), uploaded_by: z.string().nullable() });
export type AttachmentWire = z.infer<typeof AttachmentWire>;
export const AttachmentsResponse = z.object({
  success: z.literal(true),
  data: z.object({ ticket_id: z.number(), attachments: z.array(AttachmentWire), total_attachments: z.number(), total_size: z.number() }),
});
export const UploadBody = z
  .object({
    'files[]': z.array(z.string().meta({ format: 'binary' })).describe('Files to upload (multiple files supported)'),
    description: z.string().optional().describe('Description of the attachments'),
  })
  // Multipart bodies are read from the stream in the handler; the parsed body is null.
  .nullish()
  .describe('multipart/form-data');

const counts = z.record(z.string(), z.number());
export const AnalyticsResponse = z.object({
  success: z.literal(true),
  data: z.object({
    period: z.string(),
    start_date: z.string(),
    end_date: z.string(),
    group_by: z.string().nullable(),
    summary: z.object({
      total_tickets: z.number(),
      new_tickets: z.number(),
      resolved_tickets: z.number(),
      closed_tickets: z.number(),
      average_resolution_time: z.string().nullable(),
      customer_satisfaction: z.number().nullable(),
    }),
    by_status: counts,
    by_priority: counts,
    by_category: counts,
    groups: counts.optional().describe('The breakdown named by group_by (by assignee name for group_by=assignee)'),
    resolution_time_trend: z.array(z.object({ week: z.string(), average_hours: z.number() })),
    top_assignees: z.array(z.object({ assignee: z.string(), tickets_handled: z.number(), average_resolution_time: z.string().nullable() })),
  }),
});
