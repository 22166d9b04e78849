// SupportBee-style filters: a rule matched against every new ticket, whichever dialect
// created it, and a consequence applied inside the creating transaction.
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

export async function applyFilters(tx: Tx, t: NewTicketFacts, actor: Actor | null): Promise<void> {
  const filters = await tx.filter.findMany({
    where: { workspaceId: t.workspaceId },
    include: { rule: true, consequence: true },
    orderBy: { id: 'asc' },
  });
  if (filters.length === 0) return;
  const email = t.requesterEmail?.toLowerCase() ?? '';
  const labels = new Set(t.labels.map((l) => l.toLowerCase()));
  for (const { id, rule: r, consequence: c } of filters) {
    const matches =
      (r.requesterEmail == null || email === r.requesterEmail.toLowerCase()) &&
      (r.requesterDomain == null || email.endsWith('@' + r.requesterDomain.toLowerCase().replace(/^@/, ''))) &&
      (r.subjectContains == null || contains(t.subject, r.subjectContains)) &&
      (r.bodyContains == null || contains(t.descriptionText, r.bodyContains)) &&
      (r.label == null || labels.has(r.label.toLowerCase())) &&
      (r.forwardingAddressId == null || t.forwardingAddressId === r.forwardingAddressId);
    if (!matches) continue;
    const events: EventInput[] = [];
    const data: { archived?: boolean; spam?: boolean; trashed?: boolean; assigneeId?: number; teamId?: number; assignedAt?: Date } = {};
    if (c.archive) data.archived = true;
    if (c.spam) data.spam = true;
    if (c.trash) data.trashed = true;
    if (c.assignTeamId) data.teamId = c.assignTeamId;
    if (c.assignUserId) {
      data.assigneeId = c.assignUserId;
      data.assignedAt = new Date();
    }
    if (Object.keys(data).length) await tx.ticket.update({ where: { id: t.id }, data });
    if (c.label) {
      const [labelId] = await labelIds(tx, t.workspaceId, [c.label], 'create');
      await tx.ticketLabel.createMany({ data: [{ ticketId: t.id, labelId }], skipDuplicates: true });
      labels.add(c.label.toLowerCase());
    }
    events.push({
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
