// Domain ticket -> Suptask Ticket, and Suptask bodies -> domain inputs.
import type { Prisma } from '../../generated/prisma/client.js';
import type { CreateTicketInput } from '../../domain/tickets/create.js';
import type { TicketPatch } from '../../domain/tickets/patch.js';
import type { FieldValueInput } from '../../domain/tickets/fields.js';
import { labelNames, type TicketView } from '../../domain/tickets/view.js';
import { assigneeRef, requesterRef, slackIdentity } from './identity.js';
import { priorityOrNone, priorityOut, STATUS_OUT, statusIn } from './values.js';
import type { CreateTicketBody, Ticket, UpdateTicketBody } from './schemas.js';

function fieldValue(v: Prisma.JsonValue): string | string[] | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((x) => String(x));
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** `teamId` is the workspace (Suptask's team is the Slack workspace): its slug. */
/** The person a Suptask ticket was raised by: its requester, else its creator. */
const requesterOf = (t: TicketView) => t.requester ?? t.creator;

export function toWireTicket(t: TicketView, teamId: string): Ticket {
  const customFields = t.fieldValues.flatMap((fv) => {
    const value = fieldValue(fv.value);
    return value === null ? [] : [{ fieldName: fv.field.name, value }];
  });
  return {
    id: t.uuid,
    ticketNumber: t.number,
    teamId,
    queueId: t.queueId != null ? String(t.queueId) : null,
    formId: t.formId,
    status: STATUS_OUT[t.status],
    priority: priorityOut(t.priority),
    description: t.descriptionText,
    assignee: t.assignee ? slackIdentity(t.assignee) : null,
    // requesterId is required: a ticket whose requester was deleted (or that another dialect
    // created without one) falls back to its creator, and requester names that same person.
    requesterId: requesterOf(t) ? slackIdentity(requesterOf(t)!) : 'unknown',
    requester: requesterOf(t)?.name ?? null,
    tags: labelNames(t),
    customFields,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    closedDate: t.closedAt?.toISOString() ?? null,
    organization: t.organization?.name ?? null,
    source: t.source,
    archived: t.archived,
    messageRequesterChannel: t.requesterChannel,
    messageResponderChannel: t.responderChannel,
    responderThreadPermalink: t.responderThreadPermalink,
    requesterThreadPermalink: t.requesterThreadPermalink,
    summaryTitle: t.summaryTitle,
    summaryProblem: t.summaryProblem,
    summarySolution: t.summarySolution,
    csatRating: t.rating != null && t.rating >= 1 && t.rating <= 5 ? t.rating : null,
    csatComment: t.ratingComment,
    externalTicketRefs: t.externalRefs.map((r) => r.url),
  };
}

const fieldsIn = (fields: CreateTicketBody['customFields']): FieldValueInput[] | undefined => fields?.map((f) => ({ field: f.fieldId, value: f.value }));

export function createInput(b: CreateTicketBody, callerId: number): CreateTicketInput {
  return {
    descriptionText: b.description,
    status: b.status !== undefined ? statusIn(b.status) : undefined,
    priority: b.priority !== undefined ? priorityOrNone(b.priority) : undefined,
    source: 'api',
    // Without a requester the caller raises the ticket for themselves.
    ...(b.requester !== undefined ? requesterRef(b.requester) : { requesterId: callerId }),
    ...(b.assignee != null ? assigneeRef(b.assignee) : {}),
    formId: b.formId,
    requesterChannel: b.requesterChannel,
    labels: b.tags ?? [],
    customFields: fieldsIn(b.customFields) ?? [],
    customFieldScope: 'form',
  };
}

export function patchInput(b: UpdateTicketBody): TicketPatch {
  const patch: TicketPatch = {};
  if (b.description !== undefined) patch.descriptionText = b.description;
  if (b.status !== undefined) patch.status = statusIn(b.status);
  if (b.priority !== undefined) patch.priority = priorityOrNone(b.priority);
  if (b.assignee !== undefined) Object.assign(patch, assigneeRef(b.assignee));
  if (b.requester !== undefined) Object.assign(patch, requesterRef(b.requester));
  if (b.requesterChannel !== undefined) patch.requesterChannel = b.requesterChannel;
  if (b.tags !== undefined) patch.labels = b.tags ?? [];
  if (b.customFields !== undefined) {
    patch.customFields = fieldsIn(b.customFields);
    patch.customFieldScope = 'form';
  }
  return patch;
}
