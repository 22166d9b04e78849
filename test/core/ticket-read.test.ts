// The hand-written reads answer exactly what Prisma's ticketInclude does, for a ticket with
// every relation set and for a bare one: one ticket by every key kind (read-sql.ts), and
// pages of tickets, whole or in a narrower shape (read-page.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.js';
import { ticketInclude } from '../../src/domain/tickets/view.js';
import { queryTicketView } from '../../src/domain/tickets/read-sql.js';
import { queryTicketPage } from '../../src/domain/tickets/read-page.js';
import { FULL_TICKET, ticketShape } from '../../src/domain/tickets/shape.js';
import { getTicket } from '../../src/domain/tickets/find.js';
import { listTickets } from '../../src/domain/tickets/list.js';
import { listEvents } from '../../src/domain/events.js';
import { displaySettingsWithEvents } from '../../src/domain/display-settings.js';
import { readRows } from '../../src/db/rows.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let ws: number;
let full: number;
let bare: number;

beforeAll(async () => {
  db = await freshDatabase();
  const p = db.prisma;
  ws = (await p.workspace.create({ data: { slug: 'r', name: 'R' } })).id;
  const other = (await p.workspace.create({ data: { slug: 'o', name: 'O' } })).id;
  const agent = await p.user.create({ data: { workspaceId: ws, email: 'a@r.test', name: 'Agent', role: 'agent', slackId: 'U1', pictureUrl: 'https://p/x.png' } });
  const cust = await p.user.create({ data: { workspaceId: ws, email: 'c@r.test', name: 'Cust', role: 'customer' } });
  const group = await p.user.create({ data: { workspaceId: ws, name: 'Group', role: 'customer', type: 'customer_group' } });
  await p.customerGroupMember.create({ data: { groupId: group.id, memberId: cust.id } });
  const team = await p.team.create({ data: { workspaceId: ws, name: 'Team' } });
  const org = await p.organization.create({ data: { workspaceId: ws, name: 'Org', email: 'o@r.test' } });
  const project = await p.project.create({ data: { workspaceId: ws, organizationId: org.id, name: 'Proj' } });
  const queue = await p.queue.create({ data: { workspaceId: ws, name: 'Queue' } });
  const topic = await p.topic.create({ data: { workspaceId: ws, name: 'Topic' } });
  const form = await p.form.create({ data: { workspaceId: ws, name: 'Form' } });
  const field = await p.customField.create({ data: { workspaceId: ws, key: 'k', name: 'K', type: 'text' } });
  const [l1, l2] = await Promise.all(['b', 'a'].map((name) => p.label.create({ data: { workspaceId: ws, name, color: '#123456' } })));
  const t = await p.ticket.create({
    data: {
      workspaceId: ws, number: 1, ref: 'X-1', subject: 'Full', descriptionText: 'd', descriptionHtml: '<p>d</p>', status: 'open', priority: 'high',
      requesterId: cust.id, creatorId: agent.id, assigneeId: agent.id, assignedAt: new Date('2024-01-02T03:04:05.678Z'), teamId: team.id,
      organizationId: org.id, projectId: project.id, queueId: queue.id, topicId: topic.id, formId: form.id, cc: ['x@y.test'], deadline: new Date('2030-01-01T00:00:00Z'),
    },
  });
  full = t.id;
  await p.ticketLabel.create({ data: { ticketId: t.id, labelId: l1.id, createdAt: new Date('2024-01-01T00:00:00Z') } });
  await p.ticketLabel.create({ data: { ticketId: t.id, labelId: l2.id, createdAt: new Date('2024-01-02T00:00:00Z') } });
  await p.ticketFieldValue.create({ data: { ticketId: t.id, fieldId: field.id, value: ['v1', 'v2'] } });
  await p.externalRef.create({ data: { ticketId: t.id, externalId: 'E1', integrationType: 'jira', url: 'https://j/1', data: { a: 1 } } });
  await p.externalRef.create({ data: { ticketId: t.id, externalId: 'E2', integrationType: 'jira', url: 'https://j/2' } });
  // The ticket's own files come with it; a reply's file does not.
  const file = (name: string, messageId?: number) =>
    p.attachment.create({ data: { workspaceId: ws, ticketId: t.id, messageId, filename: name, contentType: 'text/plain', size: 3, sha256: 'x', storagePath: name, createdAt: new Date('2024-01-03T04:05:06.789Z') } });
  await file('first.txt');
  await file('second.txt');
  const reply = await p.message.create({ data: { workspaceId: ws, ticketId: t.id, kind: 'reply', bodyText: 'r' } });
  await file('reply.txt', reply.id);
  await p.ticketEvent.create({ data: { workspaceId: ws, ticketId: t.id, actorId: agent.id, actorName: 'Agent', action: 'created', description: 'made', data: { a: [1, 'x'] }, createdAt: new Date('2024-01-01T00:00:00.001Z') } });
  await p.ticketEvent.create({ data: { workspaceId: ws, ticketId: t.id, action: 'status_changed', minutes: 5, createdAt: new Date('2024-01-01T00:00:01.999Z') } });
  bare = (await p.ticket.create({ data: { workspaceId: ws, number: 2, ref: 'X-2', subject: 'Bare', descriptionText: '' } })).id;
  await p.ticket.create({ data: { workspaceId: other, number: 1, ref: 'X-1', subject: 'Other', descriptionText: '' } });
});
afterAll(() => db.drop());

describe('hot ticket read', () => {
  it('reads timestamps, as PostgreSQL prints them and as JSON carries them, as Date parses them', async () => {
    const texts = ['2024-01-02 03:04:05', '2024-01-02 03:04:05.6', '2024-01-02 03:04:05.45', '2024-02-29 23:59:59.999', '1970-01-01 00:00:00', '2038-01-19 03:14:08.001', '0099-12-31 12:00:00.5', '0001-01-01 00:00:00', '2024-06-30 12:00:00 BC'];
    const rows = await readRows<{ t: Date; fine: Date; j: { t: string } }>(
      db.prisma,
      `SELECT x::timestamp(3) AS t, (x::timestamp(6) + interval '0.000123 second') AS fine, json_build_object('t', x::timestamp(3)) AS j FROM unnest($1::text[]) x`,
      texts,
    );
    const { utcTimestamp } = await import('../../src/db/rows.js');
    // Date's own parser on the ISO form is the reference; microseconds are cut to milliseconds.
    const reference = (s: string) => (s.endsWith(' BC') ? null : new Date(s.replace(' ', 'T') + 'Z').getTime());
    for (const [i, text] of texts.entries()) {
      const r = rows[i];
      if (reference(text) === null) {
        expect(r.t.getTime(), text).toBeNaN(); // BC: as before, not a Date JavaScript can parse
        continue;
      }
      expect([text, r.t.getTime(), r.fine.getTime(), utcTimestamp(r.j.t).getTime()]).toEqual([text, reference(text), reference(text), reference(text)]);
    }
  });

  it('equals the Prisma include for full and bare tickets', async () => {
    for (const id of [full, bare]) {
      const viaPrisma = await db.prisma.ticket.findFirst({ where: { id, workspaceId: ws }, include: ticketInclude });
      const viaSql = await queryTicketView(db.prisma, ws, 'id', id);
      const [viaPage] = await queryTicketPage(db.prisma, ws, [id], FULL_TICKET);
      expect(viaSql).toEqual(viaPrisma);
      expect(viaPage).toEqual(viaPrisma);
      expect(viaSql!.createdAt).toBeInstanceOf(Date);
      expect(viaPage.externalRefs.every((e) => e.createdAt instanceof Date)).toBe(true);
      if (id === full) expect(viaSql!.attachments.map((a) => a.filename)).toEqual(['first.txt', 'second.txt']);
    }
  });

  it('reads a page in the order asked, leaving out ids of other workspaces', async () => {
    const foreign = (await db.prisma.ticket.findFirstOrThrow({ where: { workspaceId: { not: ws } } })).id;
    const page = await queryTicketPage(db.prisma, ws, [bare, foreign, full], FULL_TICKET);
    expect(page.map((t) => t.id)).toEqual([bare, full]);
    expect(page[1]).toEqual(await db.prisma.ticket.findFirst({ where: { id: full }, include: ticketInclude }));
    expect(await queryTicketPage(db.prisma, ws, [], FULL_TICKET)).toEqual([]);
    // Inside a transaction both statements go through it, one after the other.
    const inTx = await db.prisma.$transaction((tx) => queryTicketPage(tx, ws, [bare, full], FULL_TICKET));
    expect(inTx).toEqual(page);
  });

  it("keeps each ticket's relations apart and in order when a page's elements interleave", async () => {
    const p = db.prisma;
    // A workspace of its own: the other tests count this one's tickets and fields.
    const own = (await p.workspace.create({ data: { slug: 'i', name: 'I' } })).id;
    const labels = await Promise.all(['x', 'y', 'z'].map((name) => p.label.create({ data: { workspaceId: own, name } })));
    const field = await p.customField.create({ data: { workspaceId: own, key: 'm', name: 'M', type: 'text' } });
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push((await p.ticket.create({ data: { workspaceId: own, number: n, ref: `I-${n}`, subject: `S${n}`, descriptionText: '' } })).id);
    // Label rows written in an order that alternates tickets, each ticket's own order set by createdAt.
    const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s));
    const links: [number, number, number][] = [[0, 2, 5], [1, 0, 1], [0, 0, 9], [1, 1, 0], [0, 1, 7], [2, 2, 3]];
    for (const [t, l, s] of links) await p.ticketLabel.create({ data: { ticketId: ids[t], labelId: labels[l].id, createdAt: at(s) } });
    await p.ticketFieldValue.create({ data: { ticketId: ids[1], fieldId: field.id, value: 'only' } });
    const page = await queryTicketPage(p, own, [ids[2], ids[0], ids[1]], FULL_TICKET);
    const viaPrisma = await Promise.all([ids[2], ids[0], ids[1]].map((id) => p.ticket.findFirst({ where: { id }, include: ticketInclude })));
    expect(page).toEqual(viaPrisma);
    expect(page.map((t) => t.labels.map((l) => l.label.name))).toEqual([['z'], ['z', 'y', 'x'], ['y', 'x']]);
    expect(page.map((t) => t.fieldValues.length)).toEqual([0, 0, 1]);
  });

  it('sends arrays of integers as parameters, empty ones and ones holding nulls included', async () => {
    const [row] = await readRows<{ a: number[]; e: number[]; n: (number | null)[]; hit: number }>(
      db.prisma,
      'SELECT $1::int[] AS a, $2::int[] AS e, $3::int[] AS n, (SELECT count(*)::int FROM "Ticket" WHERE id = ANY($1::int[])) AS hit',
      [full, bare, -0, 2147483647],
      [],
      [1, null, 3],
    );
    expect(row).toEqual({ a: [full, bare, 0, 2147483647], e: [], n: [1, null, 3], hit: 2 });
  });

  it('reads only what a narrower shape names', async () => {
    const viaPrisma = await db.prisma.ticket.findFirstOrThrow({ where: { id: full }, include: ticketInclude });
    const shapes = [ticketShape(['subject'], []), ticketShape(['subject', 'status'], ['assignee', 'form']), ticketShape(['createdAt'], ['labels', 'requester', 'team'])];
    for (const shape of shapes) {
      const [t] = await queryTicketPage(db.prisma, ws, [full], shape);
      const named = ['id', ...shape.columns, ...shape.relations];
      // Foreign keys come along for the relations they find; nothing else does.
      expect(Object.keys(t).filter((k) => !k.endsWith('Id')).sort()).toEqual(named.filter((k) => !k.endsWith('Id')).sort());
      for (const k of named) expect(t[k as keyof typeof t]).toEqual(viaPrisma[k as keyof typeof viaPrisma]);
      // One ticket by key, in the same shape, reads the same.
      expect(await queryTicketView(db.prisma, ws, 'ref', 'X-1', shape)).toEqual(t);
    }
    const [bareAssignee] = await queryTicketPage(db.prisma, ws, [bare], shapes[1]);
    expect(bareAssignee).toMatchObject({ assignee: null, form: null });
  });

  it('reads the event log with the display settings as listEvents does', async () => {
    const viaList = await listEvents(db.prisma, ws, full, 'desc');
    const { events, fields, timeZone } = await displaySettingsWithEvents({ db: db.prisma, workspaceId: ws }, full);
    expect(events).toEqual(viaList);
    expect(events.map((e) => e.action)).toEqual(['status_changed', 'created']);
    expect(events[1].actor).toMatchObject({ name: 'Agent' });
    expect(events[0].createdAt).toEqual(new Date('2024-01-01T00:00:01.999Z'));
    expect(fields.map((f) => f.name)).toEqual(['K']);
    expect(timeZone).toBeTruthy();
  });

  it('finds by every key kind, only inside the workspace, and lists in page order', async () => {
    const t = (await queryTicketView(db.prisma, ws, 'id', full))!;
    for (const key of [{ id: full }, { uuid: t.uuid.toUpperCase() }, { number: 1 }, { ref: 'x-1' }]) {
      expect((await getTicket({ db: db.prisma, workspaceId: ws, actor: null }, key)).id).toBe(full);
    }
    expect(await queryTicketView(db.prisma, ws + 1, 'id', full)).toBeUndefined();
    const page = await listTickets({ db: db.prisma, workspaceId: ws, actor: null }, {}, { sort: 'number', order: 'asc' });
    expect(page.tickets.map((x) => x.subject)).toEqual(['Full', 'Bare']);
  });
});
