// Defining filters: a rule (what new tickets to match), a consequence (what to do with
// them) and the filter joining the two. The engine that runs them is filters.ts. Filters
// are desk settings, so only admins define them.
import type { Ctx, Tx } from './context.js';
import { ValidationError } from './errors.js';
import { authorize } from './policy.js';
import { normalizeLabels } from './tickets/labels.js';
import { requireAssignableUser } from './users.js';

export interface RuleInput {
  requesterEmail?: string | null;
  requesterDomain?: string | null;
  subjectContains?: string | null;
  bodyContains?: string | null;
  label?: string | null;
  forwardingAddressId?: number | null;
}

export interface ConsequenceInput {
  archive?: boolean;
  spam?: boolean;
  trash?: boolean;
  label?: string | null;
  assignUserId?: number | null;
  assignTeamId?: number | null;
}

function requireAdmin(ctx: Ctx): void {
  authorize(ctx, 'filter.write');
}

const text = (v: string | null | undefined): string | null => v?.trim() || null;

async function requireRow(tx: Tx, model: 'team' | 'forwardingAddress' | 'filterRule' | 'filterConsequence', workspaceId: number, id: number, field: string): Promise<void> {
  // The delegates share this findFirst shape; one helper for four models.
  const delegate = tx[model] as unknown as { findFirst(a: object): Promise<{ id: number } | null> };
  if (!(await delegate.findFirst({ where: { id, workspaceId }, select: { id: true } }))) throw ValidationError.field(field, `${field} ${id} does not exist in this workspace`);
}

/** A rule; conditions left out match every ticket (an empty rule matches all new tickets). */
export async function createRule(ctx: Ctx, input: RuleInput) {
  requireAdmin(ctx);
  const email = text(input.requesterEmail)?.toLowerCase() ?? null;
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw ValidationError.field('requester_email', 'requester_email is not a valid e-mail address');
  const domain = text(input.requesterDomain)?.toLowerCase().replace(/^@/, '') ?? null;
  if (domain && !/^[^\s@]+\.[^\s@]+$/.test(domain)) throw ValidationError.field('requester_domain', 'requester_domain is not a valid domain');
  const [label = null] = normalizeLabels(input.label ? [input.label] : []);
  return ctx.db.$transaction(async (tx) => {
    if (input.forwardingAddressId != null) await requireRow(tx, 'forwardingAddress', ctx.workspaceId, input.forwardingAddressId, 'forwarding_address_id');
    return tx.filterRule.create({
      data: {
        workspaceId: ctx.workspaceId,
        requesterEmail: email,
        requesterDomain: domain,
        subjectContains: text(input.subjectContains),
        bodyContains: text(input.bodyContains),
        label,
        forwardingAddressId: input.forwardingAddressId ?? null,
      },
    });
  });
}

/** A consequence must do something; the user must be assignable and the team must exist. */
export async function createConsequence(ctx: Ctx, input: ConsequenceInput) {
  requireAdmin(ctx);
  const [label = null] = normalizeLabels(input.label ? [input.label] : []);
  const c = { archive: input.archive ?? false, spam: input.spam ?? false, trash: input.trash ?? false, label, assignUserId: input.assignUserId ?? null, assignTeamId: input.assignTeamId ?? null };
  if (!c.archive && !c.spam && !c.trash && !c.label && c.assignUserId == null && c.assignTeamId == null) {
    throw ValidationError.field('consequence', 'a consequence needs at least one of archive, spam, trash, label, assign_user, assign_team');
  }
  return ctx.db.$transaction(async (tx) => {
    if (c.assignUserId != null) await requireAssignableUser(tx, ctx.workspaceId, { id: c.assignUserId }, 'assign_user');
    if (c.assignTeamId != null) await requireRow(tx, 'team', ctx.workspaceId, c.assignTeamId, 'assign_team');
    return tx.filterConsequence.create({ data: { workspaceId: ctx.workspaceId, ...c } });
  });
}

export async function createFilter(ctx: Ctx, ruleId: number, consequenceId: number) {
  requireAdmin(ctx);
  return ctx.db.$transaction(async (tx) => {
    await requireRow(tx, 'filterRule', ctx.workspaceId, ruleId, 'rule_id');
    await requireRow(tx, 'filterConsequence', ctx.workspaceId, consequenceId, 'consequence_id');
    return tx.filter.create({ data: { workspaceId: ctx.workspaceId, ruleId, consequenceId } });
  });
}
