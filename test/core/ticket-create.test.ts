// A plain ticket create runs as hand-written SQL on the driver's own transaction
// (db/rows.ts); one with labels, fields, files or filters goes through Prisma's. Both must
// be all-or-nothing and keep the workspace's numbers gapless.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { client } from '../supportbee/client.js';

let t: TestApp;
let ws: WorkspaceFixture;

beforeAll(async () => {
  t = await startApp({ SUPPORTBEE_CREATE_PER_MINUTE: '1000' });
  ws = await t.workspace('create-tx');
  // A failure injected after the ticket number and the ticket row are written.
  await t.db.$executeRawUnsafe(`CREATE FUNCTION fail_event() RETURNS trigger AS $$
    BEGIN IF NEW.description = 'fail me' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await t.db.$executeRawUnsafe(`CREATE TRIGGER fail_event BEFORE INSERT ON "TicketEvent" FOR EACH ROW EXECUTE FUNCTION fail_event()`);
});
afterAll(() => t.close());

const create = (text: string, extra: object = {}) =>
  t.app.inject({ method: 'POST', url: '/supportbee/tickets', headers: { authorization: `Bearer ${ws.agent.token}` }, payload: { ticket: { subject: text, content: { text }, ...extra } } });
const numbers = async () =>
  (await t.db.ticket.findMany({ where: { workspaceId: ws.id }, select: { number: true, subject: true }, orderBy: { number: 'asc' } })).map((r) => `${r.number}:${r.subject}`);

describe('ticket create transaction', () => {
  it('rolls a failed plain create back whole: no ticket, no event, no outbox row, no number used', async () => {
    expect((await create('first')).statusCode).toBe(201);
    const failed = await create('fail me');
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ error: expect.any(String) });
    expect(await t.db.outboxEvent.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await t.db.ticketEvent.count({ where: { workspaceId: ws.id } })).toBe(1);
    // The connection that failed went back clean: the next creates work and take the next number.
    for (const s of ['second', 'third']) expect((await create(s)).statusCode).toBe(201);
    expect(await numbers()).toEqual(['1:first', '2:second', '3:third']);
  });

  it('rolls a failed create through the Prisma transaction (the workspace has filters) back the same way', async () => {
    const admin = client(t, ws.admin.token);
    const rule = await admin('POST', '/rules', { rule: { subject_contains: 'label me' } });
    const consequence = await admin('POST', '/consequences', { consequence: { label: 'vip' } });
    expect((await admin('POST', '/filters', { rule_id: rule.body.rule.id, consequence_id: consequence.body.consequence.id })).status).toBe(201);
    const failed = await create('fail me');
    expect(failed.statusCode).toBe(500);
    const ok = await create('label me');
    expect(ok.statusCode, ok.body).toBe(201);
    // The answer is read after the filters ran.
    expect(ok.json().labels.map((l: { name: string }) => l.name)).toEqual(['vip']);
    expect((await numbers()).at(-1)).toBe('4:label me');
  });

  it('answers concurrent creates with distinct, gapless numbers and each its own ticket', async () => {
    const before = (await numbers()).length;
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => create(`parallel ${i}`)));
    expect(replies.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const subjects = replies.map((r) => r.json().subject).sort();
    expect(subjects).toEqual(Array.from({ length: 12 }, (_, i) => `parallel ${i}`).sort());
    const all = await numbers();
    expect(all.map((n) => Number(n.split(':')[0]))).toEqual(Array.from({ length: before + 12 }, (_, i) => i + 1));
  });

  it('answers with the ticket as stored (the answer is the snapshot the webhook payload read)', async () => {
    const res = await create('as stored', { requester_email: 'New.Person@Example.com', requester_name: 'New Person', cc: ['a@example.com'] });
    expect(res.statusCode, res.body).toBe(201);
    const answered = res.json();
    const read = await t.app.inject({ url: `/supportbee/tickets/${answered.id}`, headers: { authorization: `Bearer ${ws.agent.token}` } });
    expect(read.json().ticket).toEqual(answered);
    expect(answered.requester).toMatchObject({ email: 'new.person@example.com', name: 'New Person' });
    const outbox = await t.db.outboxEvent.findFirst({ where: { ticketId: answered.id }, select: { type: true, payload: true } });
    expect(outbox?.type).toBe('ticket.created');
    expect(JSON.parse(outbox!.payload).ticket).toMatchObject({ id: answered.id, subject: 'as stored', requester: { email: 'new.person@example.com' } });
  });
  it('derives the ref from the creation day and the number in base 36, at least four digits, the last three apart', async () => {
    const expected = (d: Date, n: number) => {
      const code = n.toString(36).toUpperCase().padStart(4, '0');
      return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}-${code.slice(0, -3)}-${code.slice(-3)}`;
    };
    // Last in this file: it leaves the workspace at the largest number.
    for (const next of [36, 46656, 1679616, 2147483647]) {
      await t.db.workspace.update({ where: { id: ws.id }, data: { ticketSeq: next - 1 } });
      const res = await create(`ref ${next}`);
      expect(res.statusCode, res.body).toBe(201);
      const row = await t.db.ticket.findUniqueOrThrow({ where: { id: res.json().id }, select: { number: true, ref: true, createdAt: true } });
      expect(row.number).toBe(next);
      expect(row.ref).toBe(expected(row.createdAt, next));
    }
  });
});
