// Applying a change to a ticket inside a transaction: the one place that maintains the
// status timestamps, assignment, labels, flags and minutes, and appends one event per
// kind of change. Ticket updates, replies and dialect actions all go through it.
import type { Prisma } from '../../generated/prisma/client.js';
import { isClosed, type PriorityValue, type StatusValue } from '../canonical.js';
import type { Ctx, Tx } from '../context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { appendEvents, EventAction, type EventActionValue, type EventInput } from '../events.js';
import { findOrCreateRequester, requireAssignableUser, type RequesterInput } from '../users.js';
import { validateFieldValues, writeFieldValues, type FieldValueInput } from './fields.js';
import { replaceLabels, labelIds, type LabelMode } from './labels.js';
import { SUBJECT_MAX } from './create.js';
import { TICKET_QUEUE_KIND } from '../catalog.js';

/** A changed field in words for event descriptions: resolutionNotes -> "resolution notes". */
const fieldWords = (field: string): string => field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
import { claimAttachments } from '../attachments/claim.js';
import type { Action } from '../policy.js';

export interface TicketPatch {
  subject?: string;
  descriptionText?: string;
  descriptionHtml?: string | null;
  status?: StatusValue;
  /** null: no priority. */
  priority?: PriorityValue | null;
  assigneeId?: number | null;
  /** Assignee by Slack member id (Suptask). */
  assigneeSlackId?: string | null;
  teamId?: number | null;
  requesterId?: number;
  requester?: RequesterInput;
  queueId?: number | null;
  topicId?: number | null;
  organizationId?: number | null;
  projectId?: number | null;
  deadline?: Date | null;
  labels?: string[];
  addLabels?: string[];
  removeLabels?: string[];
  labelMode?: LabelMode;
  customFields?: FieldValueInput[];
  customFieldScope?: 'form' | 'workspace';
  solution?: string | null;
  resolutionNotes?: string | null;
  archived?: boolean;
  spam?: boolean;
  trashed?: boolean;
  unanswered?: boolean;
  rating?: number | null;
  requesterChannel?: string | null;
  /** Minutes spent on this change: added to the ticket total and recorded as billable. */
  minutes?: number;
  /** The user recorded as the ticket's creator (TaskIP created_by); must be in the workspace. */
  creatorId?: number | null;
  /** Uploaded attachments of the workspace to link to the ticket (TaskIP attachment media id). */
  attachmentIds?: number[];
}

export interface PatchOptions {
  /** Refuse to change subject, description, priority or assignee of a closed ticket (TaskIP 409). */
  lockClosed?: boolean;
  /** Require the user assignee to be a member of the ticket's team (SupportBee). */
  assigneeMustBeInTeam?: boolean;
  /** The action whose event records the billable minutes, when the change makes one (default: the first event). */
  minutesOn?: EventActionValue;
  /** Event description overrides per action, for dialects that log free text (reasons, notes). */
  notes?: Partial<Record<string, string>>;
}

const LABEL_KEYS = new Set(['labels', 'addLabels', 'removeLabels']);
const ASSIGN_KEYS = new Set(['assigneeId', 'assigneeSlackId', 'teamId']);
/** Keys that only qualify another change. */
const MODIFIER_KEYS = new Set(['labelMode', 'customFieldScope']);

/** The policy actions a patch needs: labels and assignment are their own rows of the table. */
export function patchActions(patch: TicketPatch): Action[] {
  const actions = new Set<Action>();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || MODIFIER_KEYS.has(k)) continue;
    actions.add(LABEL_KEYS.has(k) ? 'ticket.label' : ASSIGN_KEYS.has(k) ? 'ticket.assign' : k === 'attachmentIds' ? 'attachment.attach' : 'ticket.update');
  }
  if (!actions.size) actions.add('ticket.update');
  return [...actions];
}

type Current = Prisma.TicketGetPayload<{ include: { assignee: { select: { id: true; name: true } }; team: { select: { id: true; name: true } }; queue: { select: { id: true; name: true } } } }>;

export async function loadForPatch(tx: Tx, id: number): Promise<Current> {
  return tx.ticket.findUniqueOrThrow({
    where: { id },
    include: { assignee: { select: { id: true, name: true } }, team: { select: { id: true, name: true } }, queue: { select: { id: true, name: true } } },
  });
}

export function statusFields(from: StatusValue, to: StatusValue, now: Date): Prisma.TicketUpdateInput {
  if (from === to) return {};
  const data: Prisma.TicketUpdateInput = { status: to, statusChangedAt: now };
  if (isClosed(to) && !isClosed(from)) data.closedAt = now;
  if (!isClosed(to) && isClosed(from)) data.closedAt = null;
  return data;
}

/** Applies `patch` to ticket `t`; returns the events appended. Caller owns the transaction. */
export async function applyPatch(tx: Tx, ctx: Ctx, t: Current, patch: TicketPatch, opts: PatchOptions = {}): Promise<EventInput[]> {
  const now = new Date();
  const data: Prisma.TicketUncheckedUpdateInput = {};
  const events: EventInput[] = [];
  const note = (action: string) => opts.notes?.[action];
  const changedFields: string[] = [];

  if (opts.lockClosed && isClosed(t.status)) {
    const locked = (['subject', 'descriptionText', 'priority', 'assigneeId'] as const).filter((k) => patch[k] !== undefined && patch[k] !== t[k]);
    // Said in words every client knows, not as column names.
    const words = { subject: 'subject', descriptionText: 'description', priority: 'priority', assigneeId: 'assignee' } as const;
    if (locked.length) throw new ConflictError(`ticket is ${t.status}: reopen it before changing ${locked.map((k) => words[k]).join(', ')}`);
  }
  if (patch.subject !== undefined && patch.subject !== t.subject) {
    const s = patch.subject.trim();
    if (!s) throw ValidationError.field('subject', 'subject must not be empty');
    if (s.length > SUBJECT_MAX) throw ValidationError.field('subject', `subject must be at most ${SUBJECT_MAX} characters`);
    data.subject = s;
    changedFields.push('subject');
  }
  if (patch.descriptionText !== undefined && patch.descriptionText !== t.descriptionText) {
    data.descriptionText = patch.descriptionText;
    changedFields.push('description');
  }
  if (patch.descriptionHtml !== undefined && patch.descriptionHtml !== t.descriptionHtml) data.descriptionHtml = patch.descriptionHtml;
  if (patch.requesterChannel !== undefined && patch.requesterChannel !== t.requesterChannel) {
    // A ticket raised through a form can only move to another of that form's channels.
    if (patch.requesterChannel != null && t.formId && !(await tx.formChannel.findFirst({ where: { formId: t.formId, channelId: patch.requesterChannel }, select: { id: true } }))) {
      throw ValidationError.field('requesterChannel', `channel ${patch.requesterChannel} is not a channel of this form`);
    }
    data.requesterChannel = patch.requesterChannel;
    changedFields.push('requesterChannel');
  }
  if (patch.status !== undefined && patch.status !== t.status) {
    Object.assign(data, statusFields(t.status, patch.status, now));
    events.push({ action: isClosed(patch.status) && !isClosed(t.status) ? EventAction.closed : isClosed(t.status) && !isClosed(patch.status) ? EventAction.reopened : EventAction.statusChanged, description: note('status') ?? patch.status, data: { from: t.status, to: patch.status } });
  }
  if (patch.priority !== undefined && patch.priority !== t.priority) {
    data.priority = patch.priority;
    events.push({ action: EventAction.priorityChanged, description: patch.priority, data: { from: t.priority, to: patch.priority } });
  }
  if (patch.requester !== undefined || patch.requesterId !== undefined) {
    let requesterId = patch.requesterId;
    if (requesterId !== undefined) {
      const u = await tx.user.findFirst({ where: { id: requesterId, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!u) throw ValidationError.field('requester', `user ${requesterId} does not exist in this workspace`);
    } else requesterId = await findOrCreateRequester(tx, ctx.workspaceId, patch.requester!);
    if (requesterId !== t.requesterId) {
      data.requesterId = requesterId;
      events.push({ action: EventAction.requesterChanged, data: { from: t.requesterId, to: requesterId } });
    }
  }
  if (patch.creatorId !== undefined && patch.creatorId !== t.creatorId) {
    if (patch.creatorId !== null && !(await tx.user.findFirst({ where: { id: patch.creatorId, workspaceId: ctx.workspaceId }, select: { id: true } }))) {
      throw ValidationError.field('creator', `user ${patch.creatorId} does not exist in this workspace`);
    }
    data.creatorId = patch.creatorId;
    changedFields.push('creator');
  }
  if (patch.teamId !== undefined && patch.teamId !== t.teamId) {
    if (patch.teamId === null) {
      data.teamId = null;
      events.push({ action: EventAction.teamUnassigned, description: t.team?.name ?? null, data: { from: t.teamId } });
    } else {
      const team = await tx.team.findFirst({ where: { id: patch.teamId, workspaceId: ctx.workspaceId }, select: { id: true, name: true } });
      if (!team) throw ValidationError.field('team', `team ${patch.teamId} does not exist in this workspace`);
      data.teamId = team.id;
      events.push({ action: EventAction.teamAssigned, description: team.name, data: { from: t.teamId, to: team.id } });
      // A team assignment removes the user assignee, even one who is in the new team
      // (SupportBee: "will remove the user assignee"), unless the same change names a user.
      if (t.assigneeId != null && patch.assigneeId === undefined) {
        data.assigneeId = null;
        events.push({ action: EventAction.unassigned, description: t.assignee?.name ?? null, data: { from: t.assigneeId } });
      }
    }
  }
  if (patch.assigneeSlackId !== undefined || patch.assigneeId !== undefined) {
    let assignee: { id: number; name: string } | null = null;
    if (patch.assigneeSlackId != null) assignee = await requireAssignableUser(tx, ctx.workspaceId, { slackId: patch.assigneeSlackId });
    else if (patch.assigneeId != null) assignee = await requireAssignableUser(tx, ctx.workspaceId, { id: patch.assigneeId });
    const nextId = assignee?.id ?? null;
    if (nextId !== t.assigneeId) {
      const teamId = data.teamId !== undefined ? (data.teamId as number | null) : t.teamId;
      if (assignee && opts.assigneeMustBeInTeam && teamId != null) {
        const member = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: assignee.id } } });
        if (!member) throw ValidationError.field('user_id', 'the user is not a member of the team the ticket is assigned to');
      }
      data.assigneeId = nextId;
      data.assignedAt = nextId ? now : null;
      events.push(
        assignee
          ? // The description names the assignee (what event logs show); a reason is kept beside it.
            { action: EventAction.assigned, description: assignee.name, data: { from: t.assigneeId, to: assignee.id, previousName: t.assignee?.name ?? null, reason: note('assigned') ?? null } }
          : { action: EventAction.unassigned, description: t.assignee?.name ?? null, data: { from: t.assigneeId } },
      );
    }
  }
  if (patch.queueId !== undefined && patch.queueId !== t.queueId) {
    let name: string | null = null;
    if (patch.queueId !== null) {
      const q = await tx.queue.findFirst({ where: { id: patch.queueId, workspaceId: ctx.workspaceId }, select: { name: true, kind: true } });
      if (!q) throw ValidationError.field('queue', `queue ${patch.queueId} does not exist in this workspace`);
      // Departments of other kinds (CRM project departments) take no tickets, whoever moves them.
      if (q.kind !== TICKET_QUEUE_KIND) throw ValidationError.field('queue', `queue ${patch.queueId} does not take tickets`);
      name = q.name;
    }
    data.queueId = patch.queueId;
    events.push({ action: EventAction.moved, description: name, data: { from: t.queueId, to: patch.queueId } });
  }
  if (patch.topicId !== undefined && patch.topicId !== t.topicId) {
    if (patch.topicId !== null && !(await tx.topic.findFirst({ where: { id: patch.topicId, workspaceId: ctx.workspaceId }, select: { id: true } }))) {
      throw ValidationError.field('topic', `topic ${patch.topicId} does not exist in this workspace`);
    }
    data.topicId = patch.topicId;
    changedFields.push('topic');
  }
  if (patch.organizationId !== undefined && patch.organizationId !== t.organizationId) {
    if (patch.organizationId !== null && !(await tx.organization.findFirst({ where: { id: patch.organizationId, workspaceId: ctx.workspaceId }, select: { id: true } }))) {
      throw ValidationError.field('client', `client ${patch.organizationId} does not exist in this workspace`);
    }
    data.organizationId = patch.organizationId;
    changedFields.push('organization');
  }
  if (patch.projectId !== undefined && patch.projectId !== t.projectId) {
    if (patch.projectId !== null) {
      const p = await tx.project.findFirst({ where: { id: patch.projectId, workspaceId: ctx.workspaceId }, select: { organizationId: true } });
      if (!p) throw ValidationError.field('project', `project ${patch.projectId} does not exist in this workspace`);
      const orgId = patch.organizationId !== undefined ? patch.organizationId : t.organizationId;
      // A project is always a client's: a ticket without that client cannot be in it.
      if (p.organizationId !== orgId) throw ValidationError.field('project', 'project does not belong to the client');
    }
    data.projectId = patch.projectId;
    changedFields.push('project');
  }
  if (patch.deadline !== undefined && (patch.deadline?.getTime() ?? null) !== (t.deadline?.getTime() ?? null)) {
    data.deadline = patch.deadline;
    events.push({ action: EventAction.deadlineSet, description: patch.deadline?.toISOString() ?? null, data: { deadline: patch.deadline?.toISOString() ?? null } });
  }
  for (const flag of ['archived', 'spam', 'trashed', 'unanswered'] as const) {
    if (patch[flag] !== undefined && patch[flag] !== t[flag]) {
      data[flag] = patch[flag];
      events.push({ action: EventAction.flagged, description: `${flag}=${patch[flag]}`, data: { flag, value: patch[flag] } });
    }
  }
  if (patch.solution !== undefined && patch.solution !== t.solution) {
    data.solution = patch.solution;
    events.push({ action: EventAction.solution, description: patch.solution, data: {} });
  }
  if (patch.resolutionNotes !== undefined && patch.resolutionNotes !== t.resolutionNotes) {
    data.resolutionNotes = patch.resolutionNotes;
    changedFields.push('resolutionNotes');
  }
  if (patch.rating !== undefined && patch.rating !== t.rating) {
    if (patch.rating !== null && (!Number.isInteger(patch.rating) || patch.rating < 1 || patch.rating > 5)) throw ValidationError.field('rating', 'rating must be 1 to 5');
    data.rating = patch.rating;
    changedFields.push('rating');
  }
  if (patch.labels !== undefined || patch.addLabels?.length || patch.removeLabels?.length) {
    const mode = patch.labelMode ?? 'create';
    let added: string[] = [];
    let removed: string[] = [];
    if (patch.labels !== undefined) ({ added, removed } = await replaceLabels(tx, ctx.workspaceId, t.id, patch.labels, mode));
    if (patch.addLabels?.length) {
      const ids = await labelIds(tx, ctx.workspaceId, patch.addLabels, mode);
      const had = new Set((await tx.ticketLabel.findMany({ where: { ticketId: t.id, labelId: { in: ids } }, select: { labelId: true } })).map((r) => r.labelId));
      const fresh = ids.filter((id) => !had.has(id));
      if (fresh.length) {
        await tx.ticketLabel.createMany({ data: fresh.map((labelId) => ({ ticketId: t.id, labelId })), skipDuplicates: true });
        added = added.concat((await tx.label.findMany({ where: { id: { in: fresh } }, select: { name: true } })).map((l) => l.name));
      }
    }
    if (patch.removeLabels?.length) {
      const gone = await tx.ticketLabel.findMany({
        where: { ticketId: t.id, label: { name: { in: patch.removeLabels, mode: 'insensitive' } } },
        select: { labelId: true, label: { select: { name: true } } },
      });
      if (gone.length) {
        await tx.ticketLabel.deleteMany({ where: { ticketId: t.id, labelId: { in: gone.map((g) => g.labelId) } } });
        removed = removed.concat(gone.map((g) => g.label.name));
      }
    }
    if (added.length || removed.length) {
      const all = (await tx.ticketLabel.findMany({ where: { ticketId: t.id }, select: { label: { select: { name: true } } }, orderBy: { createdAt: 'asc' } })).map((l) => l.label.name);
      events.push({ action: added.length && !removed.length ? EventAction.labeled : removed.length && !added.length ? EventAction.unlabeled : EventAction.labeled, description: all.join(','), data: { added, removed, labels: all } });
    }
  }
  if (patch.customFields?.length) {
    const scope = patch.customFieldScope === 'workspace' || !t.formId ? { workspace: true as const } : { formId: t.formId };
    const values = await validateFieldValues(tx, ctx.workspaceId, scope, patch.customFields, false);
    await writeFieldValues(tx, t.id, values);
    if (values.size) events.push({ action: EventAction.fieldsChanged, data: { fields: [...values.keys()] } });
  }
  if (patch.attachmentIds?.length) {
    const attached = await claimAttachments(tx, ctx, patch.attachmentIds, { ticketId: t.id });
    for (const a of attached) if (a.ticketId == null) events.push({ action: EventAction.attachment, description: a.filename, data: { attachmentId: a.id } });
  }
  // Described in words ("resolution notes"), never column names; data keeps the names.
  if (changedFields.length) events.push({ action: EventAction.updated, description: note('updated') ?? changedFields.map(fieldWords).join(', '), data: { fields: changedFields } });

  const minutes = patch.minutes ?? 0;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 100000) throw ValidationError.field('minutes', 'minutes must be a whole number from 0 to 100000');
  if (minutes > 0) {
    data.minutesSpent = { increment: minutes };
    if (events.length === 0) events.push({ action: EventAction.updated, description: `${minutes} minutes`, data: { fields: [] } });
    const at = Math.max(0, opts.minutesOn ? events.findIndex((e) => e.action === opts.minutesOn) : 0);
    events[at] = { ...events[at], minutes };
  }
  if (Object.keys(data).length || events.length) {
    data.updatedAt = now;
    await tx.ticket.update({ where: { id: t.id }, data });
  }
  await appendEvents(tx, { workspaceId: ctx.workspaceId, ticketId: t.id, actor: ctx.actor }, events);
  return events;
}
