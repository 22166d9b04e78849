// SupportBee-style filters: a rule matched against every new ticket, whichever dialect
// created it, and a consequence applied inside the creating transaction.
import { readRows } from '../db/rows.js';
import type { Actor, Tx } from './context.js';
import { appendEvents, EventAction, type EventInput } from './events.js';
import { labelIds } from './tickets/labels.js';

interface NewTicketFacts {
  id: number;
  workspaceId: number;
  subject: string;
  descriptionText: string;
  requesterEmail: string | null;
  forwardingAddressId: number | null;
  labels: string[];
}

const contains = (hay: string, needle: string) => hay.toLowerCase().includes(needle.toLowerCase());

export type WorkspaceFilters = Awaited<ReturnType<typeof loadFilters>>;

/** The workspace's filters; loaded before a create takes the ticket-number lock. */
export function loadFilters(tx: Tx, workspaceId: number) {
  return tx.filter.findMany({ where: { workspaceId }, include: { rule: true, consequence: true }, orderBy: { id: 'asc' } });
}

/** Whether the workspace has any filter: most have none, and then a create need not load them. */
export async function hasFilters(db: Tx, workspaceId: number): Promise<boolean> {
  const [row] = await readRows<{ any: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM "Filter" WHERE "workspaceId" = $1) AS any`, workspaceId);
  return row.any;
}

export async function applyFilters(tx: Tx, t: NewTicketFacts, actor: Actor | null, preloaded?: WorkspaceFilters): Promise<void> {
  const filters = preloaded ?? (await loadFilters(tx, t.workspaceId));
  if (filters.length === 0) return;
  const email = t.requesterEmail?.toLowerCase() ?? '';
  const labels = new Set(t.labels.map((l) => l.toLowerCase()));
  const state = { archived: false, spam: false, trashed: false };
  for (const { id, rule: r, consequence: c } of filters) {
    const matches =
      (r.requesterEmail == null || email === r.requesterEmail.toLowerCase()) &&
      (r.requesterDomain == null || email.endsWith('@' + r.requesterDomain.toLowerCase().replace(/^@/, ''))) &&
      (r.subjectContains == null || contains(t.subject, r.subjectContains)) &&
      (r.bodyContains == null || contains(t.descriptionText, r.bodyContains)) &&
      (r.label == null || labels.has(r.label.toLowerCase())) &&
      (r.forwardingAddressId == null || t.forwardingAddressId === r.forwardingAddressId);
    if (!matches) continue;
    // Each applied consequence is also logged as the ordinary change it makes (flagged,
    // assigned, team_assigned, labeled), so every dialect's history shows it.
    const events: EventInput[] = [];
    const data: { archived?: boolean; spam?: boolean; trashed?: boolean; assigneeId?: number; teamId?: number; assignedAt?: Date } = {};
    for (const [on, flag] of [[c.archive, 'archived'], [c.spam, 'spam'], [c.trash, 'trashed']] as const) {
      if (!on || state[flag]) continue;
      data[flag] = state[flag] = true;
      events.push({ action: EventAction.flagged, description: `${flag}=true`, data: { flag, value: true, filterId: id } });
    }
    // A team or user deleted (or demoted) since the consequence was made is skipped, not fatal.
    const team = c.assignTeamId ? await tx.team.findFirst({ where: { id: c.assignTeamId, workspaceId: t.workspaceId }, select: { id: true, name: true } }) : null;
    if (team) {
      data.teamId = team.id;
      events.push({ action: EventAction.teamAssigned, description: team.name, data: { to: team.id, filterId: id } });
    }
    const user = c.assignUserId
      ? await tx.user.findFirst({ where: { id: c.assignUserId, workspaceId: t.workspaceId, type: 'user', role: { in: ['admin', 'agent'] } }, select: { id: true, name: true } })
      : null;
    if (user) {
      data.assigneeId = user.id;
      data.assignedAt = new Date();
      events.push({ action: EventAction.assigned, description: user.name, data: { to: user.id, filterId: id } });
    }
    if (Object.keys(data).length) await tx.ticket.update({ where: { id: t.id }, data });
    if (c.label && !labels.has(c.label.toLowerCase())) {
      const [labelId] = await labelIds(tx, t.workspaceId, [c.label], 'create');
      await tx.ticketLabel.createMany({ data: [{ ticketId: t.id, labelId }], skipDuplicates: true });
      labels.add(c.label.toLowerCase());
      events.push({ action: EventAction.labeled, description: c.label, data: { added: [c.label], removed: [], filterId: id } });
    }
    events.unshift({
      action: EventAction.filterApplied,
      description: `filter ${id}`,
      data: {
        filterId: id,
        archive: c.archive,
        spam: c.spam,
        trash: c.trash,
        label: c.label,
        assignUserId: c.assignUserId,
        assignTeamId: c.assignTeamId,
      },
    });
    await appendEvents(tx, { workspaceId: t.workspaceId, ticketId: t.id, actor, actorName: 'Filter' }, events);
  }
}
