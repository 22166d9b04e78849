// List totals of default views come from the trigger-kept counters: they agree with a
// count over the tickets after inserts, bulk and single updates, deletes and a workspace
// deletion, and the list answers them without counting the tickets. Their pages come from
// hand-written statements, in the order Prisma gives the same filter and sort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.js';
import { countedView, viewTotal } from '../../src/domain/tickets/counts.js';
import { listTickets, ticketWhere, type TicketFilter, type TicketSortField } from '../../src/domain/tickets/list.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import type { Ctx } from '../../src/domain/context.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let ws: number;
const statements: string[] = [];
const filters: TicketFilter[] = [
  {},
  { archived: false, spam: false, trashed: false },
  { archived: true },
  { status: ['open', 'pending'] },
  { closed: false, trashed: false },
  { closed: true },
  { spam: true, status: ['closed'] },
  // Nine entries, not every status: still a condition.
  { status: ['open', 'open', 'open', 'open', 'open', 'open', 'pending', 'pending', 'closed'] },
];

beforeAll(async () => {
  db = await freshDatabase({ onQuery: (sql) => statements.push(sql) });
  ws = (await db.prisma.workspace.create({ data: { slug: 'c', name: 'C' } })).id;
});
afterAll(() => db.drop());

/** The filter's total from the counters, or null when they do not count it. */
async function countedTotal(ctx: Ctx, filter: TicketFilter): Promise<number | null> {
  const view = countedView(filter);
  return view && viewTotal(ctx, view);
}

async function expectCountersAgree() {
  const ctx = { db: db.prisma, workspaceId: ws, actor: null };
  for (const f of filters) expect([f, await countedTotal(ctx, f)]).toEqual([f, await db.prisma.ticket.count({ where: ticketWhere(ws, f) })]);
}

describe('ticket counters', () => {
  it('agree with the tickets through every kind of write', async () => {
    const ctx = { db: db.prisma, workspaceId: ws, actor: null };
    for (let i = 0; i < 6; i++) await createTicket(ctx, { subject: `t${i}`, descriptionText: 'x', status: i % 2 ? 'open' : 'new' });
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", status, archived, spam, "updatedAt")
       SELECT gen_random_uuid(), $1, 100 + g, 'R' || g, 's', 'd', (ARRAY['pending','closed','resolved']::"TicketStatus"[])[1 + g % 3], g % 4 = 0, g % 5 = 0, now() FROM generate_series(1, 40) g`,
      ws,
    );
    await expectCountersAgree();
    await db.prisma.ticket.updateMany({ where: { workspaceId: ws, number: { gt: 120 } }, data: { trashed: true, status: 'closed' } });
    const one = await db.prisma.ticket.findFirstOrThrow({ where: { workspaceId: ws, number: 1 } });
    await db.prisma.ticket.update({ where: { id: one.id }, data: { archived: true } });
    await db.prisma.ticket.update({ where: { id: one.id }, data: { subject: 'renamed' } }); // counted columns unchanged
    await expectCountersAgree();
    await db.prisma.ticket.deleteMany({ where: { workspaceId: ws, number: { lt: 110 } } });
    await expectCountersAgree();
  });

  it('answers default-view totals without counting tickets, and other filters by counting', async () => {
    const ctx = { db: db.prisma, workspaceId: ws, actor: null };
    statements.length = 0;
    const page = await listTickets(ctx, { archived: false, spam: false, trashed: false }, { withTotal: true });
    const sent = [...statements];
    expect(page.total).toBe(await db.prisma.ticket.count({ where: { workspaceId: ws, archived: false, spam: false, trashed: false } }));
    expect(sent.filter((s) => /COUNT\(\*\)/.test(s))).toEqual([]);
    expect(await countedTotal(ctx, { assigneeId: null })).toBeNull();
    const filtered = await listTickets(ctx, { priority: ['normal'] }, { withTotal: true });
    expect(filtered.total).toBe(await db.prisma.ticket.count({ where: { workspaceId: ws, priority: 'normal' } }));
  });

  it('lets a workspace with tickets be deleted', async () => {
    const other = await db.prisma.workspace.create({ data: { slug: 'gone', name: 'Gone' } });
    await createTicket({ db: db.prisma, workspaceId: other.id, actor: null }, { subject: 's', descriptionText: 'x' });
    await db.prisma.workspace.delete({ where: { id: other.id } });
    expect(await db.prisma.ticketCount.count({ where: { workspaceId: other.id } })).toBe(0);
  });

  it('pages default views in the order Prisma gives, every sort both ways', async () => {
    const ctx = { db: db.prisma, workspaceId: ws, actor: null };
    // Ties on every sort column (and nulls in priority), so the id breaks them.
    await db.prisma.ticket.updateMany({ where: { workspaceId: ws, number: { gt: 125 } }, data: { priority: 'high', lastActivityAt: new Date('2024-01-01T00:00:00Z') } });
    const sorts: TicketSortField[] = ['lastActivityAt', 'createdAt', 'updatedAt', 'priority', 'status', 'number'];
    for (const filter of filters) {
      const where = ticketWhere(ws, filter);
      for (const sort of sorts) {
        for (const order of ['asc', 'desc'] as const) {
          const expected = (await db.prisma.ticket.findMany({ where, select: { id: true }, orderBy: [{ [sort]: order }, { id: order }] })).map((t) => t.id);
          const got: number[] = [];
          for (let page = 1; page <= Math.ceil(expected.length / 7) + 1; page++) {
            got.push(...(await listTickets(ctx, filter, { sort, order, page, perPage: 7, shape: { columns: ['number'], relations: [] } })).tickets.map((t) => t.id));
          }
          expect([filter, sort, order, got]).toEqual([filter, sort, order, expected]);
        }
      }
    }
  });

  it('counts an empty list of references as matching nothing', async () => {
    const ctx = { db: db.prisma, workspaceId: ws, actor: null };
    for (const filter of [{ teamId: [] }, { assigneeId: [] }, { ids: [] }] as TicketFilter[]) {
      const page = await listTickets(ctx, filter, { withTotal: true });
      expect([filter, page.total, page.tickets]).toEqual([filter, 0, []]);
    }
    expect((await listTickets(ctx, { status: [] }, { withTotal: true })).total).toBe(await db.prisma.ticket.count({ where: { workspaceId: ws } }));
  });
});
