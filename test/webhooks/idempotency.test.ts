// Idempotency-Key over HTTP in every dialect and the admin API: concurrent duplicates make
// one ticket (or message), a retry is answered byte-for-byte, a different request with the
// key is 422, one still running is 409, errors are not kept, and the record commits with
// the effect or not at all.
import { PassThrough } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { sweepIdempotencyKeys } from '../../src/http/idempotency.js';

let t: TestApp;
let ws: WorkspaceFixture;
let formId = '';
let clientId = 0;
let queueId = 0;
let ref = '';
beforeAll(async () => {
  t = await startApp({ WEBHOOK_WORKER: 'false', WEBHOOK_ALLOW_PRIVATE: 'true' });
  ws = await t.workspace('idem');
  formId = (await t.admin('POST', '/forms', { name: 'IT', channels: ['C0IT'] }, 'idem')).body.form.id;
  clientId = (await t.admin('POST', '/organizations', { name: 'Acme' }, 'idem')).body.organization.id;
  queueId = (await t.admin('POST', '/queues', { name: 'Support' }, 'idem')).body.queue.id;
}, 180_000); // a shared, loaded machine: the app start can take a while
afterAll(() => t.close());

type Req = { method: 'POST' | 'PUT'; url: string; headers: Record<string, string>; payload: object };
interface Dialect {
  name: string;
  /** A creating request; `n` varies its content. */
  create(n: string): Req;
  /** How many things the request creates exist (tickets by subject, or messages). */
  count(n: string): Promise<number>;
  /** The dialect's error envelope for a status. */
  envelope(res: LightMyRequestResponse, status: number): void;
}

const subjectCount = (n: string) => t.db.ticket.count({ where: { workspaceId: ws.id, subject: `Printer ${n}` } });

const dialects: Dialect[] = [
  {
    name: 'suptask',
    create: (n) => ({ method: 'POST', url: '/suptask/ticket', headers: { authorization: `Api-Token ${ws.agent.token}` }, payload: { description: `Printer ${n}\nsmoke`, formId, requesterChannel: 'C0IT', requester: 'U0CUST' } }),
    count: subjectCount,
    envelope: (res, status) => {
      expect(res.statusCode).toBe(status);
      expect(Object.keys(res.json())).toEqual(['message']);
    },
  },
  {
    name: 'supportbee',
    create: (n) => ({ method: 'POST', url: '/supportbee/tickets', headers: { authorization: `Bearer ${ws.agent.token}` }, payload: { ticket: { subject: `Printer ${n}`, requester_name: 'Jo', requester_email: 'jo@cust.test', content: { text: 'smoke' } } } }),
    count: subjectCount,
    envelope: (res, status) => {
      expect(res.statusCode).toBe(status);
      expect(res.json()).toHaveProperty('error');
    },
  },
  {
    name: 'crm',
    create: (n) => ({ method: 'POST', url: '/crm/api/tickets', headers: { authorization: `Bearer ${ws.agent.token}` }, payload: { ticket_clientid: clientId, ticket_categoryid: queueId, ticket_subject: `Printer ${n}`, ticket_message: 'smoke', ticket_priority: 'high' } }),
    count: subjectCount,
    envelope: (res, status) => {
      expect(res.statusCode).toBe(status);
      expect(res.json()).toHaveProperty('message');
    },
  },
  {
    name: 'taskip',
    create: (n) => ({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: `Printer ${n}`, priority: 3, description: 'smoke' } }),
    count: subjectCount,
    envelope: (res, status) => {
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ success: false, status_code: status });
    },
  },
  {
    name: 'sympoq',
    // Sympoq creates nothing with POST: its reply and note PUTs add messages.
    create: (n) => ({ method: 'PUT', url: `/sympoq/app/desk/api/ticket/reply/${ref}`, headers: { apikey: ws.agent.token }, payload: { reply: `On it ${n}` } }),
    count: (n) => t.db.message.count({ where: { workspaceId: ws.id, bodyText: `On it ${n}` } }),
    envelope: (res, status) => {
      expect(res.statusCode).toBe(status);
      expect(Object.keys(res.json())).toEqual(['error']);
    },
  },
];

const send = (r: Req, key?: string) => t.app.inject({ method: r.method, url: r.url, headers: { ...r.headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: r.payload });

describe('Idempotency-Key in every dialect', () => {
  beforeAll(async () => {
    const sb = dialects[1].create('for sympoq');
    const created = await send(sb);
    expect(created.statusCode).toBe(201);
    const sympoqList = await t.app.inject({ url: '/sympoq/app/desk/api/tickets/any/any/any/any/any/any/any/*', headers: { apikey: ws.agent.token } });
    ref = sympoqList.json()[0].id;
  }, 180_000);

  for (const d of dialects) {
    describe(d.name, () => {
      it('concurrent duplicates with one key create one; retries replay byte-for-byte', async () => {
        const req = d.create(`${d.name}-dup`);
        const key = `dup-${d.name}-${Date.now()}`;
        const answers = await Promise.all(Array.from({ length: 6 }, () => send(req, key)));
        const ok = answers.filter((a) => a.statusCode < 300);
        expect(ok.length).toBeGreaterThanOrEqual(1);
        for (const a of answers) if (a.statusCode >= 300) d.envelope(a, 409);
        expect(await d.count(`${d.name}-dup`)).toBe(1);
        const first = ok.find((a) => a.headers['idempotent-replayed'] === undefined)!;
        expect(first).toBeDefined();
        for (const a of ok) expect(a.rawPayload.equals(first.rawPayload)).toBe(true);

        const replay = await send(req, key);
        expect(replay.statusCode).toBe(first.statusCode);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.headers['content-type']).toBe(first.headers['content-type']);
        expect(replay.rawPayload.equals(first.rawPayload)).toBe(true);
        expect(await d.count(`${d.name}-dup`)).toBe(1);

        // Without the key every request is its own.
        expect((await send(req)).statusCode).toBe(first.statusCode);
        expect(await d.count(`${d.name}-dup`)).toBe(2);
      });

      it('the same key with a different body is 422 in the dialect envelope, and writes nothing', async () => {
        const key = `diff-${d.name}`;
        expect((await send(d.create(`${d.name}-a`), key)).statusCode).toBeLessThan(300);
        const other = await send(d.create(`${d.name}-b`), key);
        d.envelope(other, 422);
        expect(await d.count(`${d.name}-b`)).toBe(0);
      });

      it('an invalid key is refused before anything is written', async () => {
        const res = await send(d.create(`${d.name}-badkey`), 'x'.repeat(256));
        expect([400, 422]).toContain(res.statusCode);
        expect(await d.count(`${d.name}-badkey`)).toBe(0);
      });
    });
  }

  it('errors are not kept: a fixed request may reuse the key', async () => {
    const bad = { ...dialects[3].create('fixed'), payload: { priority: 3 } }; // no subject
    const refused = await send(bad, 'fix-me');
    expect(refused.statusCode).toBe(422);
    const fixed = await send(dialects[3].create('fixed'), 'fix-me');
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await subjectCount('fixed')).toBe(1);
  });

  it('a domain error after writes started rolls them back and keeps no record', async () => {
    // CRM: an unknown project fails inside the create transaction.
    const req = dialects[2].create('rolled-back');
    const bad = { ...req, payload: { ...req.payload, ticket_projectid: 999999 } };
    const res = await send(bad, 'domain-error');
    expect(res.statusCode).toBe(422);
    expect(await subjectCount('rolled-back')).toBe(0);
    expect(await t.db.idempotencyKey.count({ where: { key: 'domain-error' } })).toBe(0);
  });

  it('keys are scoped per user: another user with the same key creates their own', async () => {
    const req = dialects[1].create('scoped');
    expect((await send(req, 'shared-key')).statusCode).toBe(201);
    const asAdmin = await send({ ...req, headers: { authorization: `Bearer ${ws.admin.token}` } }, 'shared-key');
    expect(asAdmin.statusCode).toBe(201);
    expect(asAdmin.headers['idempotent-replayed']).toBeUndefined();
    expect(await subjectCount('scoped')).toBe(2);
  });
});

describe('while the first request is still running', () => {
  it('a second one with the key gets 409 (SupportBee envelope), then the stored answer', async () => {
    const body = multipart([{ name: 'files[]', filename: 'slow.txt', value: 'slow upload', contentType: 'text/plain' }]);
    const headers = { ...body.headers, authorization: `Bearer ${ws.agent.token}`, 'idempotency-key': 'slow-upload', 'content-length': String(body.payload.length) };
    const stream = new PassThrough();
    const first = t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers, payload: stream });
    stream.write(body.payload.subarray(0, 10));
    // The first request has claimed the key once its handler waits for the body.
    for (let i = 0; i < 200 && !(await t.db.idempotencyKey.count({ where: { key: 'slow-upload' } })); i++) await new Promise((r) => setTimeout(r, 10));
    const second = await t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers, payload: body.payload });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({ error: expect.stringMatching(/still being processed/) });
    expect(second.headers['retry-after']).toBe('1');
    stream.end(body.payload.subarray(10));
    const done = await first;
    expect(done.statusCode).toBe(201);
    const third = await t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers, payload: body.payload });
    expect(third.statusCode).toBe(201);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.rawPayload.equals(done.rawPayload)).toBe(true);
    expect(await t.db.attachment.count({ where: { workspaceId: ws.id, filename: 'slow.txt' } })).toBe(1);
  });
});

describe('the record and the effect commit together', () => {
  it('when storing the record fails, the ticket is not created either; a retry creates it once', async () => {
    // Fault injection in the database: completing this key's record raises.
    await t.db.$executeRawUnsafe(`CREATE FUNCTION pd_test_fail_record() RETURNS trigger AS $$
      BEGIN IF NEW.key = 'fail-record' AND NEW.status = 'completed' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER pd_test_fail_record BEFORE UPDATE ON "IdempotencyKey" FOR EACH ROW EXECUTE FUNCTION pd_test_fail_record()`);
    const req = dialects[0].create('atomic');
    const failed = await send(req, 'fail-record');
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({ message: 'Internal Server Error' });
    expect(await subjectCount('atomic')).toBe(0);
    expect(await t.db.ticketEvent.count({ where: { workspaceId: ws.id, description: { contains: 'Printer atomic' } } })).toBe(0);
    expect(await t.db.idempotencyKey.count({ where: { key: 'fail-record' } })).toBe(0);

    await t.db.$executeRawUnsafe(`DROP TRIGGER pd_test_fail_record ON "IdempotencyKey"`);
    const ok = await send(req, 'fail-record');
    expect(ok.statusCode).toBe(201);
    expect(await subjectCount('atomic')).toBe(1);
    const replay = await send(req, 'fail-record');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await subjectCount('atomic')).toBe(1);
  });

  it('a claim left by a crashed request is taken over after its lease; expired keys are swept', async () => {
    const req = dialects[1].create('crashed');
    const first = await send(req, 'crashed');
    expect(first.statusCode).toBe(201);
    // What a request killed after claiming leaves behind: an in_progress claim under a dead owner.
    const row = await t.db.idempotencyKey.findFirstOrThrow({ where: { key: 'crashed' } });
    await t.db.idempotencyKey.update({ where: { id: row.id }, data: { status: 'in_progress', owner: 'dead', responseBody: null, lockedUntil: new Date(Date.now() + 60_000) } });
    expect((await send(req, 'crashed')).statusCode).toBe(409);
    await t.db.idempotencyKey.update({ where: { id: row.id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect((await send(req, 'crashed')).statusCode).toBe(201);

    await t.db.idempotencyKey.updateMany({ where: { key: 'crashed' }, data: { expiresAt: new Date(Date.now() - 1) } });
    // Expired: the key is free again even for a different body.
    expect((await send(dialects[1].create('after-expiry'), 'crashed')).statusCode).toBe(201);
    await t.db.idempotencyKey.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await sweepIdempotencyKeys(t.db)).toBeGreaterThan(0);
    expect(await t.db.idempotencyKey.count()).toBe(0);
  });
});

describe('admin API', () => {
  it('creating POSTs honour the key (a webhook secret is replayed, not re-generated)', async () => {
    const headers = { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': 'hook-1' };
    const payload = { url: 'https://hooks.example.com/in', events: ['*'] };
    const a = await t.app.inject({ method: 'POST', url: '/admin/v1/webhooks', headers, payload });
    const b = await t.app.inject({ method: 'POST', url: '/admin/v1/webhooks', headers, payload });
    expect(a.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toBe(a.body);
    expect((await t.admin('GET', '/webhooks')).body.webhooks).toHaveLength(1);
    const team = await t.app.inject({ method: 'POST', url: '/admin/v1/teams', headers, payload: { name: 'x' } });
    expect(team.statusCode).toBe(201); // another route: another scope
  });
});
