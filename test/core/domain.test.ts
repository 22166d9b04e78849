// The ticket domain through its services: counters and events inside transactions, status
// timestamps, a failed multi-step write leaving nothing behind, and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/domain/context.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { getTicket } from '../../src/domain/tickets/find.js';
import { listTickets } from '../../src/domain/tickets/list.js';
import { updateTicket, deleteTicket, updateTickets } from '../../src/domain/tickets/update.js';
import { addMessage, deleteMessage } from '../../src/domain/messages.js';
import { listEvents } from '../../src/domain/events.js';
import { searchTicketIds } from '../../src/domain/tickets/search.js';
import { NotFoundError, ValidationError, ConflictError } from '../../src/domain/errors.js';
import { freshDatabase } from '../helpers/database.js';
import type { Database } from '../../src/db/client.js';

let db: Database & { drop(): Promise<void> };
let a: Ctx;
let b: Ctx;
let customerA: number;

// SQL statements sent, to prove list pages cost the same whatever their size.
let queries = 0;
beforeAll(async () => {
  db = await freshDatabase({ onQuery: () => queries++ });
  const p = db.prisma;
  const wsA = await p.workspace.create({ data: { slug: 'a', name: 'A' } });
  const wsB = await p.workspace.create({ data: { slug: 'b', name: 'B' } });
  const agentA = await p.user.create({ data: { workspaceId: wsA.id, email: 'agent@a.test', name: 'Agent A', role: 'agent' } });
  const agentB = await p.user.create({ data: { workspaceId: wsB.id, email: 'agent@b.test', name: 'Agent B', role: 'agent' } });
  customerA = (await p.user.create({ data: { workspaceId: wsA.id, email: 'cust@a.test', name: 'Cust', role: 'customer' } })).id;
  a = { db: p, workspaceId: wsA.id, actor: { userId: agentA.id, name: agentA.name, role: 'agent' } };
  b = { db: p, workspaceId: wsB.id, actor: { userId: agentB.id, name: agentB.name, role: 'agent' } };
});
afterAll(() => db.drop());

describe('tickets', () => {
  it('numbers tickets per workspace and derives the human ref', async () => {
    const t1 = await createTicket(a, { subject: 'One', descriptionText: 'first', requester: { email: 'x@y.test' } });
    const t2 = await createTicket(a, { descriptionText: 'Second line one\nmore' });
    const tb = await createTicket(b, { descriptionText: 'other workspace' });
    expect([t1.number, t2.number, tb.number]).toEqual([1, 2, 1]);
    expect(t1.ref).toMatch(/^\d{2}-\d{2}-0-001$/);
    expect(t2.subject).toBe('Second line one');
    expect(t1.requester?.email).toBe('x@y.test');
    expect(t1.requester?.role).toBe('customer');
    expect(await getTicket(a, { ref: t1.ref })).toMatchObject({ id: t1.id });
    expect(await getTicket(a, { uuid: t1.uuid })).toMatchObject({ id: t1.id });
    expect(await getTicket(a, { number: 2 })).toMatchObject({ id: t2.id });
  });

  it('keeps reply and note counters, first response and unanswered in the message transaction', async () => {
    const t = await createTicket(a, { descriptionText: 'help', requesterId: customerA });
    expect(t.unanswered).toBe(true);
    await addMessage({ ...a, actor: { userId: customerA, name: 'Cust', role: 'customer' } }, { id: t.id }, { kind: 'reply', bodyText: 'any news?' });
    let now = await getTicket(a, { id: t.id });
    expect(now).toMatchObject({ replyCount: 1, noteCount: 0, unanswered: true, firstResponseAt: null });
    const { message } = await addMessage(a, { id: t.id }, { kind: 'reply', bodyText: 'on it', minutes: 7 });
    await addMessage(a, { id: t.id }, { kind: 'note', bodyText: 'internal' });
    now = await getTicket(a, { id: t.id });
    expect(now).toMatchObject({ replyCount: 2, noteCount: 1, unanswered: false, minutesSpent: 7 });
    expect(now.firstResponseAt).toBeInstanceOf(Date);
    expect(now.lastActivityAt.getTime()).toBeGreaterThanOrEqual(t.lastActivityAt.getTime());
    await deleteMessage(a, { id: t.id }, message.id);
    expect(await getTicket(a, { id: t.id })).toMatchObject({ replyCount: 1, noteCount: 1 });
    const actions = (await listEvents(db.prisma, a.workspaceId, t.id)).map((e) => [e.action, e.minutes]);
    expect(actions).toEqual([
      ['created', null],
      ['replied', null],
      ['replied', 7],
      ['noted', null],
      ['message_deleted', null],
    ]);
  });

  it('maintains status timestamps and appends one event per change', async () => {
    const t = await createTicket(a, { descriptionText: 'status' });
    const closed = await updateTicket(a, { id: t.id }, { status: 'closed', priority: 'high', labels: ['Bug', 'bug', 'ui'], minutes: 3 });
    expect(closed.ticket.status).toBe('closed');
    expect(closed.ticket.closedAt).toBeInstanceOf(Date);
    expect(closed.ticket.statusChangedAt).toBeInstanceOf(Date);
    expect(closed.ticket.labels.map((l) => l.label.name)).toEqual(['Bug', 'ui']);
    expect(closed.before.status).toBe('new');
    const reopened = await updateTicket(a, { id: t.id }, { status: 'open', labels: [] });
    expect(reopened.ticket.closedAt).toBeNull();
    expect(reopened.ticket.labels).toEqual([]);
    const events = await listEvents(db.prisma, a.workspaceId, t.id);
    expect(events.map((e) => e.action)).toEqual(['created', 'closed', 'priority_changed', 'labeled', 'reopened', 'unlabeled']);
    expect(events[1].minutes).toBe(3);
    expect((await getTicket(a, { id: t.id })).minutesSpent).toBe(3);
    // No change, no event.
    await updateTicket(a, { id: t.id }, { status: 'open' });
    expect(await listEvents(db.prisma, a.workspaceId, t.id)).toHaveLength(6);
  });

  it('refuses locked changes to closed tickets when asked, and bad assignees', async () => {
    const t = await createTicket(a, { descriptionText: 'lock', status: 'closed' });
    await expect(updateTicket(a, { id: t.id }, { priority: 'urgent' }, { lockClosed: true })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateTicket(a, { id: t.id }, { assigneeId: customerA })).rejects.toBeInstanceOf(ValidationError);
  });

  it('rolls a failed multi-step write back completely', async () => {
    const before = await db.prisma.ticket.count({ where: { workspaceId: a.workspaceId } });
    const seq = (await db.prisma.workspace.findUniqueOrThrow({ where: { id: a.workspaceId } })).ticketSeq;
    // The ticket row, its labels and the requester are written before the attachment check fails.
    await expect(
      createTicket(a, { descriptionText: 'doomed', labels: ['brand-new-label'], requester: { email: 'new-person@x.test' }, attachmentIds: [999999] }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.prisma.ticket.count({ where: { workspaceId: a.workspaceId } })).toBe(before);
    expect((await db.prisma.workspace.findUniqueOrThrow({ where: { id: a.workspaceId } })).ticketSeq).toBe(seq);
    expect(await db.prisma.label.findFirst({ where: { name: 'brand-new-label' } })).toBeNull();
    expect(await db.prisma.user.findFirst({ where: { email: 'new-person@x.test' } })).toBeNull();
    // Bulk: one unknown id changes nothing.
    const t = await createTicket(a, { descriptionText: 'bulk' });
    await expect(updateTickets(a, [t.id, 999999], { status: 'closed' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTicket(a, { id: t.id })).status).toBe('new');
  });

  it("never returns or changes another workspace's ticket", async () => {
    const tb = await createTicket(b, { descriptionText: 'secret of b' });
    await expect(getTicket(a, { id: tb.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTicket(a, { uuid: tb.uuid })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateTicket(a, { id: tb.id }, { status: 'closed' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addMessage(a, { id: tb.id }, { kind: 'reply', bodyText: 'hi' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteTicket({ ...a, actor: { ...a.actor!, role: 'admin' } }, { id: tb.id })).rejects.toBeInstanceOf(NotFoundError);
    const page = await listTickets(a, { search: 'secret of b' }, { withTotal: true });
    expect(page.total).toBe(0);
    expect((await getTicket(b, { id: tb.id })).status).toBe('new');
  });

  it('lists with filters, sorts and totals in a bounded number of queries', async () => {
    const ws = await db.prisma.workspace.create({ data: { slug: 'list', name: 'L' } });
    const ctx: Ctx = { ...a, workspaceId: ws.id, actor: null };
    for (let i = 0; i < 30; i++) await createTicket(ctx, { descriptionText: `t${i}`, priority: i % 2 ? 'high' : 'low', labels: i % 3 ? [] : ['three'] });
    const high = await listTickets(ctx, { priority: ['high'] }, { withTotal: true, perPage: 5, sort: 'createdAt', order: 'asc' });
    expect(high.total).toBe(15);
    expect(high.tickets.map((t) => t.descriptionText)).toEqual(['t1', 't3', 't5', 't7', 't9']);
    expect((await listTickets(ctx, { labels: ['THREE'] }, { totalOnly: true })).total).toBe(10);
    // Count the SQL one page costs at two page sizes: it must not grow with the page.
    const count = async (perPage: number) => {
      queries = 0;
      const page = await listTickets(ctx, {}, { perPage, withTotal: true });
      expect(page.tickets).toHaveLength(perPage);
      return queries;
    };
    const small = await count(2);
    expect(small).toBeLessThanOrEqual(4); // a count, the page's ids, those rows, their relations
    expect(await count(30)).toBe(small);
  });

  it('searches subject, description, ref, id, labels and (when asked) messages, through the index path and the scan', async () => {
    const ws = await db.prisma.workspace.create({ data: { slug: 'search', name: 'S' } });
    const ctx: Ctx = { ...a, workspaceId: ws.id, actor: null };
    const bySubject = await createTicket(ctx, { subject: 'Printer on fire', descriptionText: 'x' });
    const byBody = await createTicket(ctx, { subject: 'Other', descriptionText: 'the PRINTER jams 100%_ of the time' });
    const byLabel = await createTicket(ctx, { subject: 'Tagged', descriptionText: 'y', labels: ['printers'] });
    const byMessage = await createTicket(ctx, { subject: 'Quiet', descriptionText: 'z' });
    const searchAgent = await db.prisma.user.create({ data: { workspaceId: ws.id, email: 'agent@search.test', name: 'Agent', role: 'agent' } });
    await addMessage({ ...ctx, actor: { userId: searchAgent.id, name: searchAgent.name, role: 'agent' } }, { id: byMessage.id }, { kind: 'reply', bodyText: 'Have you tried another printer?' });
    await createTicket(b, { subject: 'Printer in workspace b', descriptionText: 'b' });
    const found = async (search: string, searchMessages = false) =>
      (await listTickets(ctx, { search, searchMessages }, { perPage: 50, withTotal: true })).tickets.map((x) => x.id).sort((p, q) => p - q);
    expect(await found('printer')).toEqual([bySubject.id, byBody.id, byLabel.id]);
    expect(await found('printer', true)).toEqual([bySubject.id, byBody.id, byLabel.id, byMessage.id]);
    expect(await found('100%_')).toEqual([byBody.id]); // LIKE wildcards are literal
    expect(await found('100%x')).toEqual([]);
    expect(await found(byLabel.ref.toLowerCase())).toEqual([byLabel.id]);
    expect(await found(String(byBody.id))).toContain(byBody.id);
    // Too many matches to enumerate: the scan answers, with the same result.
    expect(await searchTicketIds(db.prisma, ws.id, 'printer', false, 2)).toBeNull();
    expect(await searchTicketIds(db.prisma, ws.id, 'printer', false, 10)).toHaveLength(3);
    // Two characters cannot use the trigram index: the scan path.
    expect(await found('pr')).toEqual([bySubject.id, byBody.id, byLabel.id]);
  });
});
