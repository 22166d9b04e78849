// SupportBee wire schemas (zod): requests are validated with them, responses serialized
// through them, and openapi/supportbee.json is generated from them.
import { z } from 'zod';

// ---- shared request pieces ----

/** Every route also takes the token as `?auth_token=`. */
export const AuthQuery = z.object({ auth_token: z.string().optional().describe('API token (alternative to the Authorization header)') });

export const BoolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const int32 = z.coerce.number().int().positive().max(2147483647);
export const TicketIdParams = z.object({ id: int32.describe('The ticket ID') });
export const TicketReplyParams = z.object({ ticket_id: int32.describe('The ticket ID'), id: int32.describe('The reply ID') });
export const TicketLabelParams = z.object({ ticket_id: int32.describe('The ticket ID'), label_name: z.string().min(1).max(100).describe('The name of the label') });
export const IdParams = z.object({ id: int32 });

/** Addresses: a comma-separated string or an array of addresses. */
export const Addresses = z.union([z.string().max(10_000), z.array(z.string().max(320)).max(100)]);

export const ContentIn = z.object({
  text: z.string().max(1_000_000).nullish(),
  html: z.string().max(2_000_000).nullish(),
  /** Some clients send the reply text as `body`, the name replies are rendered with. */
  body: z.string().max(1_000_000).nullish(),
  attachment_ids: z.array(z.coerce.number().int().positive().max(2147483647)).max(100).optional(),
  attachments: z.array(z.looseObject({ id: z.coerce.number().int().positive().max(2147483647) })).max(100).optional(),
});

// ---- shared response pieces ----

export const Picture = z.object({ thumb20: z.string(), thumb24: z.string(), thumb32: z.string(), thumb48: z.string(), thumb64: z.string() });
/** replier, commenter, last_saved_by, assignment assignee */
export const UserCard = z.object({ id: z.number(), name: z.string(), agent: z.boolean(), picture: Picture });
/** The people on a ticket (requester, current assignees): picture is a list, as SupportBee renders it there. */
export const TicketPerson = z.object({ id: z.number(), name: z.string(), agent: z.boolean(), picture: z.array(Picture) });
export const Requester = TicketPerson.extend({ role: z.string(), email: z.string().nullable() });
export const Address = z.object({ name: z.string(), email: z.string(), picture: Picture });
export const Attachment = z.object({
  id: z.number(),
  created_at: z.string(),
  filename: z.string(),
  content_type: z.string(),
  size: z.number(),
  url: z.object({ original: z.string().describe('Download URL (send the API token with the request)') }),
});
export const Content = z.object({ text: z.string(), html: z.string().nullable(), attachments: z.array(Attachment) });
export const Counts = z.object({ replies_count: z.number(), comments_count: z.number() });
export const LabelOut = z.object({ name: z.string(), color: z.string() });

export const Ticket = z.object({
  id: z.number(),
  subject: z.string(),
  replies_count: z.number(),
  comments_count: z.number(),
  last_activity_at: z.string(),
  created_at: z.string(),
  unanswered: z.boolean(),
  archived: z.boolean(),
  spam: z.boolean(),
  trash: z.boolean(),
  summary: z.string(),
  cc: z.array(Address),
  bcc: z.array(Address),
  labels: z.array(LabelOut),
  requester: Requester.nullable(),
  content: Content,
  current_user_asignee: TicketPerson.nullable(),
  current_team_asignee: TicketPerson.nullable(),
});

export const TicketPage = z.object({
  total: z.number(),
  current_page: z.number(),
  per_page: z.number(),
  total_pages: z.number(),
  tickets: z.array(Ticket),
});

export const Reply = z.object({
  id: z.number(),
  created_at: z.string(),
  summary: z.string(),
  cc: z.array(Address),
  bcc: z.array(Address),
  ticket: Counts,
  replier: UserCard.nullable(),
  content: z.object({ text: z.string(), body: z.string(), html: z.string().nullable(), attachments: z.array(Attachment) }),
});

export const Comment = z.object({
  id: z.number(),
  created_at: z.string(),
  ticket: Counts,
  commenter: UserCard.nullable(),
  content: Content,
});

export const Draft = z.object({
  id: z.number().nullable().describe('null for a new, unsaved draft'),
  cc: z.array(Address),
  bcc: z.array(Address),
  last_saved_by: UserCard.nullable(),
  last_saved_at: z.string().nullable(),
  content: Content,
});

export const AuditEntry = z.object({
  action: z.string(),
  actor: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
  url: z.string().nullable(),
  severity: z.enum(['info', 'warning']),
  happened_at: z.string(),
});

/** The one error envelope of this dialect. */
export const ErrorBody = z.object({
  error: z.string().describe('What went wrong'),
  errors: z.record(z.string(), z.array(z.string())).optional().describe('Per-field validation messages'),
});

export const errorResponses = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
export const NoContent = z.null().describe('No content');
