// Which tickets a caller may see. Staff see the whole workspace; a customer sees the
// tickets they requested and, in customer groups that allow it (can_members_access_group_tickets),
// the tickets requested by the group's other members.
import type { Ctx } from './context.js';
import { isStaff } from './context.js';
import { NotFoundError } from './errors.js';
import { getTicket, type FindOptions, type TicketKey } from './tickets/find.js';
import { listTickets, type ListOptions, type TicketFilter, type TicketPage } from './tickets/list.js';
import type { FULL_TICKET, ShapedTicket, TicketShape } from './tickets/shape.js';

/** The extra filter that limits `ctx`'s caller to the tickets they may see ({} for staff). */
export function visibilityFilter(ctx: Ctx): TicketFilter {
  if (ctx.actor && !isStaff(ctx.actor.role)) return { visibleToCustomerId: ctx.actor.userId };
  return {};
}

/** listTickets as the caller may see them. */
export function listVisibleTickets<S extends TicketShape = typeof FULL_TICKET>(ctx: Ctx, filter: TicketFilter, opts: ListOptions<S> = {}): Promise<TicketPage<ShapedTicket<S>>> {
  return listTickets(ctx, { ...filter, ...visibilityFilter(ctx) }, opts);
}

/** getTicket, but a ticket the caller may not see is missing (404), as if it did not exist. */
export async function getVisibleTicket<S extends TicketShape = typeof FULL_TICKET>(ctx: Ctx, key: TicketKey, opts: FindOptions & { shape?: S } = {}): Promise<ShapedTicket<S>> {
  const t = await getTicket(ctx, key, opts);
  await requireVisible(ctx, t.id);
  return t;
}

/** NotFoundError unless the caller may see ticket `ticketId` (a no-op for staff). */
export async function requireVisible(ctx: Ctx, ticketId: number): Promise<void> {
  const scope = visibilityFilter(ctx);
  if (scope.visibleToCustomerId === undefined) return;
  const { total } = await listTickets(ctx, { ids: [ticketId], ...scope }, { totalOnly: true });
  if (!total) throw new NotFoundError('ticket', ticketId);
}
