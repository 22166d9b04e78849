// Creating a ticket: one transaction assigns the workspace number and ref, resolves the
// requester, validates form, channel and custom fields, links labels and attachments,
// runs the workspace's filters and appends the Created event.
import type { Prisma } from '../../generated/prisma/client.js';
import type { PriorityValue, SourceValue, StatusValue } from '../canonical.js';
import { isClosed } from '../canonical.js';
import type { Ctx } from '../context.js';
import { ValidationError } from '../errors.js';
import { appendEvents, EventAction, type EventInput } from '../events.js';
import { applyFilters, hasFilters, loadFilters } from '../filters.js';
import { findOrCreateRequester, requireAssignableUser, type RequesterInput } from '../users.js';
import { claimAttachments } from '../attachments/claim.js';
import { authorize } from '../policy.js';
import { validateFieldValues, writeFieldValues, type FieldValueInput } from './fields.js';
import { labelIds, normalizeLabels, type LabelMode } from './labels.js';
import { insertTicket, nextTicketNumber } from './insert-sql.js';
import { loadTicket } from './find.js';
import type { TicketView } from './view.js';

export interface CreateTicketInput {
  subject?: string | null;
  descriptionText: string;
  descriptionHtml?: string | null;
  status?: StatusValue;
  /** Absent: normal. null: no priority. */
  priority?: PriorityValue | null;
  source?: SourceValue;
  /** Existing user id, or a requester to find or create as a customer. */
  requesterId?: number | null;
  requester?: RequesterInput | null;
  creatorId?: number | null;
  assigneeId?: number | null;
  /** Assignee by Slack member id (Suptask); must be an agent or admin. */
  assigneeSlackId?: string | null;
  teamId?: number | null;
  organizationId?: number | null;
  projectId?: number | null;
  queueId?: number | null;
  topicId?: number | null;
  formId?: string | null;
  requesterChannel?: string | null;
  forwardingAddressId?: number | null;
  labels?: string[];
  labelMode?: LabelMode;
  customFields?: FieldValueInput[];
  /** Validate custom fields against the form (Suptask) or the workspace's enabled fields (CRM). */
  customFieldScope?: 'form' | 'workspace';
  cc?: string[];
  bcc?: string[];
  deadline?: Date | null;
  attachmentIds?: number[];
}

export const SUBJECT_MAX = 191;

/** A subject for dialects that have none (Suptask): the description's first line. */
export function subjectFromDescription(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const s = line.trim();
  return s.length > SUBJECT_MAX ? s.slice(0, SUBJECT_MAX - 1) + '…' : s || '(no subject)';
}

async function requireInWorkspace(
  tx: Prisma.TransactionClient,
  model: 'team' | 'organization' | 'queue' | 'topic' | 'forwardingAddress',
  workspaceId: number,
  id: number,
  field: string,
): Promise<void> {
  // Each delegate has the same findFirst shape; the cast keeps one helper for five models.
  const delegate = tx[model] as unknown as { findFirst(a: object): Promise<{ id: number } | null> };
  const row = await delegate.findFirst({ where: { id, workspaceId }, select: { id: true } });
  if (!row) throw ValidationError.field(field, `${field} ${id} does not exist in this workspace`);
}

export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<TicketView> {
  authorize(ctx, 'ticket.create');
  const { workspaceId, actor } = ctx;
  const description = input.descriptionText ?? '';
  const subject = (input.subject ?? '').trim() || subjectFromDescription(description);
  if (subject.length > SUBJECT_MAX) throw ValidationError.field('subject', `subject must be at most ${SUBJECT_MAX} characters`);

  // Read outside the transaction: a filter added while this create runs may or may not apply either way.
  const withFilters = await hasFilters(ctx.db, workspaceId);
  const id = await ctx.db.$transaction(async (tx) => {
    // References first: nothing is written until they all check out.
    if (input.teamId != null) await requireInWorkspace(tx, 'team', workspaceId, input.teamId, 'team');
    if (input.organizationId != null) await requireInWorkspace(tx, 'organization', workspaceId, input.organizationId, 'organization');
    if (input.queueId != null) await requireInWorkspace(tx, 'queue', workspaceId, input.queueId, 'queue');
    if (input.topicId != null) await requireInWorkspace(tx, 'topic', workspaceId, input.topicId, 'topic');
    if (input.forwardingAddressId != null) await requireInWorkspace(tx, 'forwardingAddress', workspaceId, input.forwardingAddressId, 'forwarding_address_id');
    if (input.projectId != null) {
      const project = await tx.project.findFirst({ where: { id: input.projectId, workspaceId }, select: { organizationId: true } });
      if (!project) throw ValidationError.field('project', `project ${input.projectId} does not exist in this workspace`);
      // A project is always a client's: a ticket without that client cannot be in it.
      if (project.organizationId !== input.organizationId) {
        throw ValidationError.field('project', 'project does not belong to the client');
      }
    }
    let queueId = input.queueId ?? null;
    if (input.formId != null) {
      const form = await tx.form.findFirst({ where: { id: input.formId, workspaceId }, include: { channels: true } });
      if (!form) throw ValidationError.field('formId', `form ${input.formId} does not exist in this workspace`);
      if (input.requesterChannel != null && !form.channels.some((c) => c.channelId === input.requesterChannel)) {
        throw ValidationError.field('requesterChannel', `channel ${input.requesterChannel} is not a channel of this form`);
      }
      queueId ??= form.queueId;
    }
    const fieldValues =
      input.customFieldScope === 'form' && input.formId
        ? await validateFieldValues(tx, workspaceId, { formId: input.formId }, input.customFields ?? [], true)
        : input.customFieldScope === 'workspace'
          ? await validateFieldValues(tx, workspaceId, { workspace: true }, input.customFields ?? [], true)
          : new Map();
    let assigneeId = input.assigneeId ?? null;
    let assigneeName: string | null = null;
    if (input.assigneeSlackId != null || assigneeId != null) {
      const a = await requireAssignableUser(tx, workspaceId, input.assigneeSlackId != null ? { slackId: input.assigneeSlackId } : { id: assigneeId! });
      assigneeId = a.id;
      assigneeName = a.name;
    }
    if (input.creatorId != null && !(await tx.user.findFirst({ where: { id: input.creatorId, workspaceId }, select: { id: true } }))) {
      throw ValidationError.field('creator', `user ${input.creatorId} does not exist in this workspace`);
    }

    let requesterId = input.requesterId ?? null;
    if (requesterId == null && input.requester) requesterId = await findOrCreateRequester(tx, workspaceId, input.requester);
    const filters = withFilters ? await loadFilters(tx, workspaceId) : [];
    // The caller as requester is known to be in the workspace; their e-mail matters only to filters.
    const requesterKnown = requesterId != null && requesterId === actor?.userId && filters.length === 0;
    const requester = requesterId != null && !requesterKnown ? await tx.user.findFirst({ where: { id: requesterId, workspaceId }, select: { email: true, name: true, role: true } }) : null;
    if (requesterId != null && !requesterKnown && !requester) throw ValidationError.field('requester', `user ${requesterId} does not exist in this workspace`);
    const labels = normalizeLabels(input.labels ?? []);
    const labelIdList = labels.length ? await labelIds(tx, workspaceId, labels, input.labelMode ?? 'create') : [];

    // The workspace row stays locked from here to commit, serialising this workspace's
    // creates: only writes follow.
    const number = await nextTicketNumber(tx, workspaceId);
    const now = new Date();
    const status = input.status ?? 'new';
    const ticket = {
      id: await insertTicket(tx, {
        workspaceId,
        number,
        subject,
        descriptionText: description,
        descriptionHtml: input.descriptionHtml ?? null,
        status,
        priority: input.priority === undefined ? 'normal' : input.priority,
        source: input.source ?? 'api',
        requesterId,
        creatorId: input.creatorId !== undefined ? input.creatorId : (actor?.userId ?? null),
        assigneeId,
        teamId: input.teamId ?? null,
        organizationId: input.organizationId ?? null,
        projectId: input.projectId ?? null,
        queueId,
        topicId: input.topicId ?? null,
        formId: input.formId ?? null,
        requesterChannel: input.requesterChannel ?? null,
        forwardingAddressId: input.forwardingAddressId ?? null,
        cc: input.cc ?? [],
        bcc: input.bcc ?? [],
        deadline: input.deadline ?? null,
        closed: isClosed(status),
        now,
      }),
    };
    if (labelIdList.length) await tx.ticketLabel.createMany({ data: labelIdList.map((labelId) => ({ ticketId: ticket.id, labelId })) });
    await writeFieldValues(tx, ticket.id, fieldValues);
    const attached = input.attachmentIds?.length
      ? await claimAttachments(tx, ctx, input.attachmentIds, { ticketId: ticket.id })
      : [];

    // A customer's report names its reporter, whoever carried it in (an agent, a form):
    // event logs that show the reporter as the creator read it from here.
    const reporter = requesterId != null && requester?.role === 'customer' ? requester.name : null;
    const events: EventInput[] = [{ action: EventAction.created, description: description || subject, data: { subject, status, source: input.source ?? 'api', reporter } }];
    // An assignment is described by the assignee's name, as event logs show it.
    if (assigneeId != null) events.push({ action: EventAction.assigned, description: assigneeName, data: { assigneeId } });
    for (const a of attached) events.push({ action: EventAction.attachment, description: a.filename, data: { attachmentId: a.id } });
    await appendEvents(tx, { workspaceId, ticketId: ticket.id, actor }, events);

    await applyFilters(
      tx,
      {
        id: ticket.id,
        workspaceId,
        subject,
        descriptionText: description,
        requesterEmail: requester?.email ?? null,
        forwardingAddressId: input.forwardingAddressId ?? null,
        labels,
      },
      actor,
      filters,
    );
    return ticket.id;
  });
  return loadTicket(ctx.db, workspaceId, id);
}
