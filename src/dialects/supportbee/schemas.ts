// SupportBee wire schemas (zod): requests are validated with them, responses serialized
// through them, and openapi/supportbee.json is generated from them.
import { z } from 'zod';
import { boolQuery, pathId } from '../../http/wire-values.js';

// ---- shared request pieces ----

/** Every route also takes the token as `?auth_token=`. */
export const AuthQuery = z.object({
  // A repeated key arrives as a list; the auth hook uses the first.
  auth_token: z.union([z.string(), z.array(z.string())]).optional().describe('API token (alternative to the Authorization header)'),
});

/** Booleans as clients write them (True/False, 1/0, any case); `x=` is absent. */
export const BoolParam = boolQuery();

/** Digits only; beyond 32 bits it names no record (404), anything else is 400. */
const int32 = pathId('must be a numeric id');
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
  // Always present. The seed shows only assigned tickets; with no assignee the key holds null.
  current_user_asignee: TicketPerson.nullable().describe('The assigned agent; null when no user is assigned'),
  current_team_asignee: TicketPerson.nullable().describe('The assigned team (agent: false); null when no team is assigned'),
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
  last_saved_by: UserCard.describe('The caller for a new, unsaved draft'),
  last_saved_at: z.string().describe('Now for a new, unsaved draft'),
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
  errors: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('Validation messages: one key per field, named as inside the resource object (`subject`, `content.text`, `content.attachment_ids`), listing each of its messages'),
});

export const errorResponses = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
export const NoContent = z.null().describe('No content');

// ---- desk: users, teams, snippets, forwarding addresses, filters, reports (part 2) ----

const ROLE_WORDS: Record<string, 'admin' | 'agent' | 'collaborator' | 'customer'> = {
  '10': 'agent',
  '20': 'admin',
  '30': 'collaborator',
  '40': 'customer',
  agent: 'agent',
  admin: 'admin',
  collaborator: 'collaborator',
  customer: 'customer',
};

/** A role as SupportBee takes it: the code (10 agent, 20 admin, 30 collaborator, 40 customer) or the name. */
export const RoleIn = z
  .union([z.number(), z.string().max(20)])
  .describe('10 agent, 20 admin, 30 collaborator, 40 customer (or the name)')
  .transform((v, ctx) => {
    const role = ROLE_WORDS[String(v).trim().toLowerCase()];
    if (!role) ctx.addIssue({ code: 'custom', message: 'role must be 10 (agent), 20 (admin), 30 (collaborator), 40 (customer) or the name' });
    return role ?? z.NEVER;
  });

/** An id sent as a number or a string ("5", or SupportBee's "5_20130430051603" form). */
export const IdIn = z
  .union([z.number().int().positive().max(2147483647), z.string().regex(/^\d{1,10}(_\d+)?$/, 'must be an id')])
  .transform((v, ctx) => {
    const n = Number(String(v).split('_')[0]);
    if (n < 1 || n > 2147483647) ctx.addIssue({ code: 'custom', message: 'must be an id' });
    return n;
  });

/** An optional id: "" or null for none. */
export const OptionalIdIn = z.union([IdIn, z.literal(''), z.null()]).transform((v) => (v === '' ? null : v));

const TeamCard = z.object({ id: z.number(), name: z.string(), picture: Picture });

export const User = z.object({
  id: z.number(),
  type: z.enum(['user', 'customer_group']),
  first_name: z.string(),
  last_name: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(['admin', 'agent', 'collaborator', 'customer']),
  agent: z.boolean(),
  two_factor_authentication_enabled: z.boolean(),
  picture: Picture,
  can_members_access_group_tickets: z.boolean().nullable(),
  email_domains: z.array(z.string()),
  members_count: z.number(),
  active_tickets_count: z.number(),
  requested_tickets_count: z.number(),
  teams: z.array(TeamCard),
});

export const UserIn = z.object({
  name: z.string().max(200).optional(),
  email: z.string().trim().max(254).email().nullish(),
  role: RoleIn.optional(),
  team_ids: z.array(IdIn).max(100).optional(),
  type: z.enum(['user', 'customer_group']).optional(),
  can_members_access_group_tickets: z.boolean().nullish(),
  email_domains: z.array(z.string().max(253)).max(100).optional(),
});

export const Team = TeamCard;

export const SnippetContent = z.object({ text: z.string(), html: z.string() });
export const Snippet = z.object({ id: z.number(), created_at: z.string(), name: z.string(), tags: z.string(), content: SnippetContent });
export const SnippetIn = z.object({
  name: z.string().max(200).optional(),
  tags: z.string().max(1000).optional(),
  content: z.object({ text: z.string().max(1_000_000).nullish(), html: z.string().max(2_000_000).nullish() }).optional(),
});

export const ForwardingAddress = z.object({ id: z.number(), name: z.string(), email: z.string().nullable(), filter_spam: z.boolean(), use_agent_name: z.boolean() });

export const DataPoints = z.object({
  data_points: z.array(z.object({ value: z.string(), timestamp: z.string().describe("The day's UTC midnight in Unix seconds") })),
});
