// Suptask wire schemas (seed 000): request bodies, params and the Ticket response.
import { z } from 'zod';
import { pathId } from '../../http/wire-values.js';

/** A Slack member id (or the stable `user:<id>` stand-in polydesk prints for users without one). */
const SlackMemberId = z.string().trim().min(1).max(64).regex(/^\S+$/, 'must be a Slack member id');

export const Field = z
  .object({
    fieldId: z.string().min(1).describe('The UUID of the custom field.'),
    value: z.union([z.string(), z.array(z.string())]).describe('The value of the custom field (an array, or a comma-separated string, for multi-select).'),
  })
  .describe('A custom field value.');

const Tags = z.array(z.string().max(100)).max(100).nullable().describe('Tags associated with the ticket.');
const Description = z.string().max(100_000).refine((s) => s.trim().length > 0, 'description must not be empty').describe('A detailed description of the ticket.');

export const CreateTicketBody = z.object({
  description: Description,
  priority: z
    .string()
    .nullable()
    .optional()
    .describe('The priority of the ticket (Low, Normal, Medium, High, Urgent); null: no priority. Left out: Normal.'),
  status: z.string().optional().describe('The status of the ticket (New, Open, In Progress, Pending, On Hold, Answered, Customer Replied, Resolved, Closed).'),
  assignee: SlackMemberId.nullable().optional().describe('The user Slack member ID assigned to the ticket.'),
  requester: SlackMemberId.optional().describe('The requester Slack member ID of the ticket.'),
  customFields: z.array(Field).max(200).optional().describe('Custom fields for the ticket.'),
  requesterChannel: z.string().min(1).describe('One of the Slack channel IDs which are assigned to form.'),
  tags: Tags.optional(),
  formId: z.string().min(1).describe('Identifier UUID for the form used to submit the ticket.'),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

/** The properties of which PATCH needs at least one (requesterChannel only comes along). */
export const UPDATABLE = ['description', 'priority', 'status', 'assignee', 'requester', 'customFields', 'tags'] as const;

export const UpdateTicketBody = z
  .object({
    description: Description.optional(),
    priority: z.string().nullable().optional().describe('The priority of the ticket; null removes it (the ticket then reads priority: null).'),
    status: z.string().optional().describe('The status of the ticket.'),
    assignee: SlackMemberId.nullable().optional().describe('The user Slack member ID assigned to the ticket; null unassigns.'),
    requester: SlackMemberId.optional().describe('The requester Slack member ID of the ticket.'),
    customFields: z.array(Field).max(200).optional().describe('Custom fields for the ticket.'),
    requesterChannel: z.string().min(1).optional().describe('One of the Slack channel IDs which are assigned to form.'),
    tags: Tags.optional().describe('Tags of the ticket: replaces the whole set; null clears it.'),
  })
  .refine((b) => UPDATABLE.some((k) => b[k] !== undefined), `At least one of ${UPDATABLE.join(', ')} is required`);
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>;

export const ExternalTicketBody = z.object({
  externalId: z.string().min(1).max(2048).describe('The ID of the external ticket.'),
  integrationType: z.string().min(1).max(100).describe('The type of integration (e.g. "Jira", "Zendesk").'),
  url: z.url().max(2048).describe('The URL of the external ticket.'),
  data: z.record(z.string(), z.unknown()).optional().describe('Additional key/value data or metadata for the external ticket.'),
});

export const REPLY_CHANNELS = ['Requester', 'Responder'] as const;
export const ReplyBody = z.object({
  text: z.string().min(1).max(1_000_000).describe('The reply message text'),
  username: z.string().trim().min(1).max(200).optional().describe('The displayed username of the reply text.'),
  channel: z
    .array(
      z
        .string()
        .transform((c) => REPLY_CHANNELS.find((k) => k.toLowerCase() === c.trim().toLowerCase()) ?? c)
        .pipe(z.enum(REPLY_CHANNELS, { error: `channel must be ${REPLY_CHANNELS.join(' or ')}` })),
    )
    .min(1)
    .max(2)
    .optional()
    .describe('Requester (public reply) and/or Responder (internal note); default Requester.'),
});

export const TicketIdParams = z.object({ ticketId: z.string().describe('The UUID of the ticket.') });
export const TicketNumberParams = z.object({
  // Digits only (else 400); a number beyond any ticket's is a missing ticket (404).
  ticketNumber: pathId('Invalid ticket number (must be numeric)').meta({ type: 'integer', description: 'The numeric ticket number (e.g., 2075).' }),
});

const iso = () => z.iso.datetime();
export const Ticket = z
  .object({
    id: z.string().describe('Unique identifier (UUID) of the ticket'),
    ticketNumber: z.number().int().describe('Human-readable ticket number'),
    teamId: z.string().describe('ID of the team (Slack workspace) that owns this ticket'),
    queueId: z.string().nullable(),
    formId: z.string().nullable(),
    status: z.string(),
    priority: z.string().nullable().describe('Priority level of the ticket; null when it has none'),
    description: z.string(),
    assignee: z.string().nullable().describe('Slack member ID of the assigned user'),
    requesterId: z.string().describe('Slack member ID of the ticket requester'),
    requester: z.string().nullable().describe('Display name of the requester'),
    tags: z.array(z.string()).nullable(),
    customFields: z.array(z.object({ fieldName: z.string(), value: z.union([z.string(), z.array(z.string())]) })).nullable(),
    createdAt: iso(),
    updatedAt: iso(),
    closedDate: iso().nullable(),
    organization: z.string().nullable(),
    source: z.string().nullable(),
    archived: z.boolean(),
    messageRequesterChannel: z.string().nullable(),
    messageResponderChannel: z.string().nullable(),
    responderThreadPermalink: z.string().nullable(),
    requesterThreadPermalink: z.string().nullable(),
    summaryTitle: z.string().nullable(),
    summaryProblem: z.string().nullable(),
    summarySolution: z.string().nullable(),
    csatRating: z.number().int().min(1).max(5).nullable(),
    csatComment: z.string().nullable(),
    externalTicketRefs: z.array(z.string()).nullable().describe('References to external tickets (their URLs)'),
  })
  .describe('A Suptask ticket');
export type Ticket = z.infer<typeof Ticket>;

export const Message = z.object({ message: z.string() });
export const Success = z.object({ success: z.boolean(), message: z.string() });
export const Created = z.object({ ticketId: z.string().describe('The unique UUID of the created ticket.') });

/** Error answers every operation documents. */
export const errorResponses = { 400: Message, 401: Message, 404: Message, 500: Message } as const;
