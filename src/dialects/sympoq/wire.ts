// Sympoq wire schemas: the ticket as the Tickets API returns it, the list filter
// segments and the agent-action bodies.
import { z } from 'zod';
import { boolInput, numberInput, pathId } from '../../http/wire-values.js';

export const ErrorBody = z.object({
  error: z.string().describe('What went wrong'),
  fields: z.record(z.string(), z.array(z.string())).optional().describe('Per-field (or per-segment) messages for 400 answers'),
});

/** The error answers every route may give. */
export const ErrorResponses = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

const Iso = z.string().describe('ISO 8601, UTC');
const IsoOrNull = Iso.nullable();
const Id = z.number().int().min(1).max(2147483647);
const Count = z.number().int().min(0).max(2147483647);
const Duration = z.string().regex(/^\d+ \d{2}:\d{2}$/).describe('D HH:MM');

export const Customer = z.object({
  registered: z.boolean().describe('The customer is a user of the workspace (not just a contact)'),
  name: z.string().nullable(),
  email: z.string().nullable(),
  role: z.string().nullable().describe('Customer, Agent, Admin or Collaborator'),
  group: z.string().nullable().describe('Customer group name'),
});

export const EventLogEntry = z.object({
  date: z.string().describe('ISO 8601 with nanoseconds and the workspace time zone offset'),
  action: z.string().describe('Created, Assigned, Unassigned, Set Deadline, Notified, Attachment, Replied, Note, Closed, Reopened, Moved, Tagged, Status Changed, Priority Changed, Solution, Updated...'),
  attachment_url: z.string().optional().describe('Download link (send the apikey header); Attachment entries only'),
  description: z.string().nullable(),
  applied_by: z.string().nullable().describe('Name of the user who performed the action'),
  billable: Count.nullable().describe('Minutes recorded with the action'),
});
export type WireEvent = z.infer<typeof EventLogEntry>;

export const Ticket = z.object({
  id: z.string().describe('Ticket id, e.g. 09-13-O-TW4'),
  queue: Id.nullable(),
  created: Iso,
  channel: z.number().int().min(1).max(4).describe('1 submission form (also API/web/Slack), 2 email, 3 call, 4 web widget'),
  priority: z.number().int().min(1).max(4).describe('1 Low, 2 Normal, 3 High, 4 Urgent'),
  status: z.number().int().min(1).max(4).describe('1 New, 2 Working, 3 Pending, 4 Closed'),
  has_attachments: z.boolean(),
  has_notes: z.boolean(),
  topic: Id.nullable(),
  subject: z.string(),
  description: z.string(),
  reported_by: z.string().nullable(),
  customer: Customer,
  assignee: Id.nullable(),
  assigned_on: IsoOrNull,
  deadline: IsoOrNull,
  responded: IsoOrNull.describe('First response'),
  updated: Iso,
  minutes: Count.describe('Total minutes spent'),
  rating: z.number().int().min(1).max(5).nullable(),
  closed_on: IsoOrNull,
  tags: z.array(z.string()),
  solution: z.string().nullable(),
  estimated: Duration.nullable(),
  elapsed: Duration.describe('Since creation, until closed'),
  custom_fields: z.record(z.string(), z.string().nullable()).describe('By field name; dates in the workspace formats'),
  event_log: z.array(EventLogEntry).optional().describe('Newest first; only with header event_log: 1'),
});
export type WireTicket = z.infer<typeof Ticket>;

export const TicketId = z.object({ id: z.string().max(64).describe('Ticket id (e.g. 09-13-O-TW4), or the workspace ticket number') });

// Loose: Fastify replaces request.headers with the parsed value, and every other header must survive.
export const AuthHeaders = z.looseObject({ apikey: z.string().describe('Your API key (401 when missing or invalid)') });
export const TicketHeaders = AuthHeaders.extend({ event_log: z.string().optional().describe('1 adds the event log (newest first); 0 or absent leaves it out') });

const idSegment = (what: string) => z.string().regex(/^(any|\d{1,9})$/i, `must be a numeric ${what} id or "any"`).describe(`${what} id, or any`);

export const ListParams = z.object({
  queue: idSegment('queue'),
  status: z.string().regex(/^(any|[0-4])$/i, 'must be 0 (not closed), 1-4 or "any"').describe('1 New, 2 Working, 3 Pending, 4 Closed, 0 not closed, or any'),
  topic: idSegment('topic'),
  group: idSegment('customer group'),
  assignee: idSegment('assignee'),
  from: z.string().describe('Created from (inclusive), in the workspace date format (default DD-MON-YYYY), or any'),
  to: z.string().describe('Created to (inclusive), in the workspace date format, or any'),
  search: z.string().describe('Text in id, subject, tags or description, or * for all'),
});

export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).optional().describe('polydesk extension: page number (default 1)'),
  per_page: z.coerce.number().int().min(1).max(1000).optional().describe('polydesk extension: page size (default and maximum 1000)'),
});

/** 0/1 flags; booleans, "0"/"1" and "true"/"false" in any case are accepted too. */
const Flag = boolInput('must be 0 or 1').optional();
export const on = (f: z.infer<typeof Flag>): boolean => f === true;

const Minutes = numberInput(z.number().int().min(0).max(100000), 'must be a whole number').optional().describe('Minutes spent, added to the ticket total and billed on the action');

export const ReplyBody = z.object({
  reply: z.string().min(1).max(1_000_000),
  and_close: Flag.describe('1 closes the ticket with the reply'),
  mark_solution: Flag.describe('1 makes the reply the ticket solution'),
  auto_assign: Flag.describe('1 assigns the caller when the ticket is unassigned'),
  minutes: Minutes,
});

export const AssignBody = z.object({
  assignee: numberInput(z.number().int().positive().max(2147483647), 'must be a numeric user id').nullable().optional().describe('Agent user id; null unassigns'),
  deadline: z.string().max(64).nullable().optional().describe('In the workspace datetime format (default DD-MON-YY HH24:MI); null clears'),
  minutes: Minutes,
});

export const NoteBody = z.object({
  note: z.string().min(1).max(1_000_000),
  minutes: Minutes,
  status: numberInput(z.number().int().min(1).max(4), 'must be 1, 2, 3 or 4').optional().describe('New status: 1 New, 2 Working, 3 Pending, 4 Closed'),
});

// Close takes no body; Fastify hands a missing one to validation as null.
export const CloseBody = z.object({ minutes: Minutes }).nullish().describe('Optional: no body is needed');

export const MoveBody = z.object({
  queue: numberInput(z.number().int().positive().max(2147483647), 'must be a numeric queue id'),
  unassign: Flag.describe('1 also removes the assignee'),
  minutes: Minutes,
});

export const TagBody = z.object({
  tags: z.string().max(10_000).describe('Comma-separated; replaces every tag, "" removes them all'),
  minutes: Minutes,
});

export const AttachmentParams = z.object({ id: TicketId.shape.id, attachmentId: pathId('must be a numeric attachment id') });
