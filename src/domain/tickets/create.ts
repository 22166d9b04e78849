// Creating a ticket: one transaction assigns the workspace number and ref, resolves the
// requester, validates form, channel and custom fields, links labels and attachments,
// runs the workspace's filters and appends the Created event.
import type { Role } from '../../generated/prisma/client.js';
import { sqlTransaction } from '../../db/rows.js';
import type { PriorityValue, SourceValue, StatusValue } from '../canonical.js';
import { isClosed } from '../canonical.js';
import type { Ctx, SqlTx, Tx } from '../context.js';
import { ValidationError } from '../errors.js';
import { appendEvents, EventAction, type EventInput } from '../events.js';
import { applyFilters, hasFilters, loadFilters } from '../filters.js';
import { findOrCreateRequester, requireAssignableUser, type RequesterInput } from '../users.js';
import { claimAttachments } from '../attachments/claim.js';
import { authorize } from '../policy.js';
import { validateFieldValues, writeFieldValues, type FieldValueInput } from './fields.js';
import { labelIds, normalizeLabels, type LabelMode } from './labels.js';
import { insertTicket } from './insert-sql.js';
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

// The reference checks in SQL: a plain create runs on the driver's transaction (db/rows.ts).
const IN_WORKSPACE = Object.fromEntries(
  (['Team', 'Organization', 'Queue', 'Topic', 'ForwardingAddress', 'User'] as const).map((table) => [table, `SELECT 1 AS ok FROM "${table}" WHERE id = $1 AND "workspaceId" = $2`]),
) as Record<'Team' | 'Organization' | 'Queue' | 'Topic' | 'ForwardingAddress' | 'User', string>;
const PROJECT = `SELECT "organizationId" FROM "Project" WHERE id = $1 AND "workspaceId" = $2`;
const FORM = `SELECT f."queueId", ($3::text IS NULL OR EXISTS (SELECT 1 FROM "FormChannel" c WHERE c."formId" = f.id AND c."channelId" = $3)) AS "channelOk"
  FROM "Form" f WHERE f.id = $1 AND f."workspaceId" = $2`;
const REQUESTER = `SELECT email, name, role::text AS role FROM "User" WHERE id = $1 AND "workspaceId" = $2`;

async function requireInWorkspace(tx: SqlTx, table: keyof typeof IN_WORKSPACE, workspaceId: number, id: number, field: string, what = field): Promise<void> {
  const rows = await tx.$queryRawUnsafe<unknown[]>(IN_WORKSPACE[table], id, workspaceId);
  if (!rows.length) throw ValidationError.field(field, `${what} ${id} does not exist in this workspace`);
}

/** The Prisma transaction, for the steps not (yet) written in SQL; createTicket opens one when they run. */
function models(tx: Tx | null): Tx {
  if (!tx) throw new Error('this create step needs a Prisma transaction');
  return tx;
}

export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<TicketView> {
  authorize(ctx, 'ticket.create');
  const { workspaceId, actor } = ctx;
  const description = input.descriptionText ?? '';
  const subject = (input.subject ?? '').trim() || subjectFromDescription(description);
  if (subject.length > SUBJECT_MAX) throw ValidationError.field('subject', `subject must be at most ${SUBJECT_MAX} characters`);

  // Read outside the transaction: a filter added while this create runs may or may not apply either way.
  const withFilters = await hasFilters(ctx.db, workspaceId);
  const labels = normalizeLabels(input.labels ?? []);
  const fieldScope = input.customFieldScope === 'form' && input.formId ? { formId: input.formId } : input.customFieldScope === 'workspace' ? { workspace: true as const } : null;
  // Labels, custom fields, attachments and filters still go through Prisma's models; a create
  // without them is plain SQL, run on the driver (a Prisma interactive transaction costs
  // about as much Node time as the rest of the create).
  const plain = !withFilters && !labels.length && !fieldScope && !input.attachmentIds?.length;
  const transaction = <T>(fn: (tx: SqlTx, models: Tx | null) => Promise<T>): Promise<T> =>
    plain ? sqlTransaction(ctx.db, (tx) => fn(tx, null)) : ctx.db.$transaction((tx) => fn(tx, tx));
  const created = await transaction(async (tx, prisma) => {
    // References first: nothing is written until they all check out.
    if (input.teamId != null) await requireInWorkspace(tx, 'Team', workspaceId, input.teamId, 'team');
    if (input.organizationId != null) await requireInWorkspace(tx, 'Organization', workspaceId, input.organizationId, 'organization');
    if (input.queueId != null) await requireInWorkspace(tx, 'Queue', workspaceId, input.queueId, 'queue');
    if (input.topicId != null) await requireInWorkspace(tx, 'Topic', workspaceId, input.topicId, 'topic');
    if (input.forwardingAddressId != null) await requireInWorkspace(tx, 'ForwardingAddress', workspaceId, input.forwardingAddressId, 'forwarding_address_id');
    if (input.projectId != null) {
      const [project] = await tx.$queryRawUnsafe<{ organizationId: number }[]>(PROJECT, input.projectId, workspaceId);
      if (!project) throw ValidationError.field('project', `project ${input.projectId} does not exist in this workspace`);
      // A project is always a client's: a ticket without that client cannot be in it.
      if (project.organizationId !== input.organizationId) {
        throw ValidationError.field('project', 'project does not belong to the client');
      }
    }
    let queueId = input.queueId ?? null;
    if (input.formId != null) {
      const [form] = await tx.$queryRawUnsafe<{ queueId: number | null; channelOk: boolean }[]>(FORM, input.formId, workspaceId, input.requesterChannel ?? null);
      if (!form) throw ValidationError.field('formId', `form ${input.formId} does not exist in this workspace`);
      if (!form.channelOk) {
        throw ValidationError.field('requesterChannel', `channel ${input.requesterChannel} is not a channel of this form`);
      }
      queueId ??= form.queueId;
    }
    const fieldValues = fieldScope ? await validateFieldValues(models(prisma), workspaceId, fieldScope, input.customFields ?? [], true) : new Map();
    let assigneeId = input.assigneeId ?? null;
    let assigneeName: string | null = null;
    if (input.assigneeSlackId != null || assigneeId != null) {
      const a = await requireAssignableUser(tx, workspaceId, input.assigneeSlackId != null ? { slackId: input.assigneeSlackId } : { id: assigneeId! });
      assigneeId = a.id;
      assigneeName = a.name;
    }
    if (input.creatorId != null) await requireInWorkspace(tx, 'User', workspaceId, input.creatorId, 'creator', 'user');

    let requesterId = input.requesterId ?? null;
    if (requesterId == null && input.requester) requesterId = await findOrCreateRequester(tx, workspaceId, input.requester);
    const filters = withFilters ? await loadFilters(models(prisma), workspaceId) : [];
    // The caller as requester is known to be in the workspace; their e-mail matters only to filters.
    const requesterKnown = requesterId != null && requesterId === actor?.userId && filters.length === 0;
    const requester = requesterId != null && !requesterKnown ? ((await tx.$queryRawUnsafe<{ email: string | null; name: string; role: Role }[]>(REQUESTER, requesterId, workspaceId))[0] ?? null) : null;
    if (requesterId != null && !requesterKnown && !requester) throw ValidationError.field('requester', `user ${requesterId} does not exist in this workspace`);
    const labelIdList = labels.length ? await labelIds(models(prisma), workspaceId, labels, input.labelMode ?? 'create') : [];

    // The ticket draws the workspace's next number, whose row stays locked from here to
    // commit, serialising this workspace's creates: only writes follow.
    const now = new Date();
    const status = input.status ?? 'new';
    const ticket = {
      id: await insertTicket(tx, {
        workspaceId,
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
    if (labelIdList.length) await models(prisma).ticketLabel.createMany({ data: labelIdList.map((labelId) => ({ ticketId: ticket.id, labelId })) });
    if (fieldValues.size) await writeFieldValues(models(prisma), ticket.id, fieldValues);
    const attached = input.attachmentIds?.length ? await claimAttachments(models(prisma), ctx, input.attachmentIds, { ticketId: ticket.id }) : [];

    // A customer's report names its reporter, whoever carried it in (an agent, a form):
    // event logs that show the reporter as the creator read it from here.
    const reporter = requesterId != null && requester?.role === 'customer' ? requester.name : null;
    const events: EventInput[] = [{ action: EventAction.created, description: description || subject, data: { subject, status, source: input.source ?? 'api', reporter } }];
    // An assignment is described by the assignee's name, as event logs show it.
    if (assigneeId != null) events.push({ action: EventAction.assigned, description: assigneeName, data: { assigneeId } });
    for (const a of attached) events.push({ action: EventAction.attachment, description: a.filename, data: { attachmentId: a.id } });
    const snapshot = await appendEvents(tx, { workspaceId, ticketId: ticket.id, actor }, events);

    if (filters.length) await applyFilters(
      models(prisma),
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
    // The ticket as the webhook payload read it is the answer, unless filters changed it since.
    return { id: ticket.id, view: filters.length ? null : snapshot };
  });
  return created.view ?? loadTicket(ctx.db, workspaceId, created.id);
}
