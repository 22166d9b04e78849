// Signed webhooks end to end: the admin API manages endpoints, changes made through each of
// the five dialects arrive at a real receiver that verifies the signature with the
// standardwebhooks library, failures are retried on the schedule, and a receiver that was
// down gets everything afterwards, each event once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from 'prom-client';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { Receiver, until } from './receiver.js';
import { send } from '../../src/webhooks/send.js';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const validateEvent = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('../../openapi/webhook-event.schema.json', import.meta.url), 'utf8')));

// The default 10 s timeout: on a loaded machine a shorter one times out answered requests,
// which are then (correctly) sent again.
const FAST = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '20', WEBHOOK_TIMEOUT_MS: '10000' };

let t: TestApp;
let ws: WorkspaceFixture;
const receivers: Receiver[] = [];
beforeAll(async () => {
  // Retries 50 ms apart at first, then every second for five minutes: the outage below
  // lasts as long as 100 creates take on a busy machine, and must not exhaust the schedule.
  t = await startApp({ ...FAST, WEBHOOK_RETRY_SCHEDULE: ['0.05,0.1,0.2,0.5', ...Array(300).fill('1')].join(',') });
  ws = await t.workspace('hooks');
}, 180_000); // a shared, loaded machine: the app start can take a while
afterAll(async () => {
  await t.close();
  for (const r of receivers) await r.stop();
});

async function subscribe(app: TestApp, events: string[] = ['*'], slug = 'hooks') {
  const r = new Receiver();
  await r.start();
  receivers.push(r);
  const res = await app.admin('POST', '/webhooks', { url: r.url, events, description: 'test receiver' }, slug);
  expect(res.status).toBe(201);
  r.secret = res.body.secret;
  return { receiver: r, hook: res.body as { id: number; secret: string } };
}

const taskipCreate = (subject: string) =>
  t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject, priority: 2, description: 'd' } });

describe('admin API /admin/v1/webhooks', () => {
  it('creates (secret shown once), lists, reads, updates, rotates and deletes', async () => {
    const created = await t.admin('POST', '/webhooks', { url: 'http://127.0.0.1:9/x', events: ['ticket.created', 'message.created'], description: 'CRM sync' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['createdAt', 'description', 'enabled', 'events', 'id', 'secret', 'url']);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.body.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    const id = created.body.id;

    const list = await t.admin('GET', '/webhooks');
    expect(list.body.webhooks.map((w: { id: number }) => w.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    const one = await t.admin('GET', `/webhooks/${id}`);
    expect(one.body).toMatchObject({ id, events: ['ticket.created', 'message.created'], description: 'CRM sync', enabled: true });
    expect(one.body.secret).toBeUndefined();

    const patched = await t.admin('PATCH', `/webhooks/${id}`, { events: ['*'], enabled: false });
    expect(patched.body).toMatchObject({ events: ['*'], enabled: false });
    const rotated = await t.admin('POST', `/webhooks/${id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    expect((await t.admin('POST', '/webhooks', { url: 'ftp://example.com/x' })).status).toBe(400);
    expect((await t.admin('POST', '/webhooks', { url: 'http://127.0.0.1/x', events: ['ticket.exploded'] })).status).toBe(400);
    expect((await t.admin('GET', '/webhooks/999999')).status).toBe(404);
    // Another workspace's admin does not see it.
    const other = await t.workspace('hooks-other');
    const foreign = await t.app.inject({ url: `/admin/v1/webhooks/${id}`, headers: { authorization: `Bearer ${other.admin.token}` } });
    expect(foreign.statusCode).toBe(404);

    expect((await t.admin('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect((await t.admin('GET', `/webhooks/${id}`)).status).toBe(404);
  });
});

describe('events from every dialect', () => {
  it('arrive signed, with the canonical payload, in the order of the changes', async () => {
    const { receiver } = await subscribe(t);
    const formId = (await t.admin('POST', '/forms', { name: 'IT', channels: ['C0IT'] }, 'hooks')).body.form.id;
    const token = ws.agent.token;
    const inject = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

    // Suptask creates.
    const created = await inject('POST', '/suptask/ticket', { authorization: `Api-Token ${token}` }, { description: 'Printer on fire', formId, requesterChannel: 'C0IT', requester: 'U0CUST', priority: 'High' });
    expect(created.statusCode).toBe(201);
    const ticket = await t.db.ticket.findFirstOrThrow({ where: { workspaceId: ws.id, subject: 'Printer on fire' } });
    // SupportBee replies.
    expect((await inject('POST', `/supportbee/tickets/${ticket.id}/replies`, { authorization: `Bearer ${token}` }, { reply: { content: { text: 'On my way' } } })).statusCode).toBe(201);
    // Sympoq notes and closes.
    expect((await inject('PUT', `/sympoq/app/desk/api/ticket/note/${ticket.ref}`, { apikey: token }, { note: 'Called facilities' })).statusCode).toBe(200);
    expect((await inject('PUT', `/sympoq/app/desk/api/ticket/close/${ticket.ref}`, { apikey: token })).statusCode).toBe(200);
    // CRM tags.
    expect((await inject('PUT', `/crm/api/tickets/${ticket.id}/tags`, { authorization: `Bearer ${token}` }, { tags: ['hardware'] })).statusCode).toBe(200);
    // TaskIP deletes (hard delete is admin-only).
    expect((await inject('DELETE', `/taskip/api/public-v1/support-ticket/${ticket.id}`, { 'x-secret-key': ws.admin.token })).statusCode).toBe(200);

    await until('six events', () => new Set(receiver.delivered().map((r) => r.id)).size >= 6);
    expect(receiver.rejected).toEqual([]);
    // First arrival of each event id (receivers deduplicate on webhook-id).
    const got = receiver.delivered().filter((r, i, all) => r.body.data.ticket.id === ticket.id && all.findIndex((x) => x.id === r.id) === i);
    expect(got.map((r) => r.type)).toEqual(['ticket.created', 'message.created', 'message.created', 'ticket.updated', 'ticket.updated', 'ticket.deleted']);
    for (const r of got) {
      // Every body matches the published JSON Schema.
      expect(validateEvent(r.body), JSON.stringify(validateEvent.errors)).toBe(true);
      expect(r.id).toMatch(/^evt_[0-9a-f]{32}$/);
      expect(r.body).toMatchObject({ id: r.id, workspace: 'hooks', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    }
    expect(new Set(got.map((r) => r.id)).size).toBe(6);
    const [c, reply, note, closed, tagged, deleted] = got.map((r) => r.body.data);
    expect(c.ticket).toMatchObject({ id: ticket.id, number: ticket.number, ref: ticket.ref, subject: 'Printer on fire', source: expect.any(String), requester: expect.objectContaining({ id: expect.any(Number) }) });
    expect(reply.message).toMatchObject({ kind: 'reply', bodyText: 'On my way', ticketId: ticket.id });
    expect(note.message).toMatchObject({ kind: 'note', bodyText: 'Called facilities' });
    expect(closed.changes).toEqual(['closed']);
    expect(closed.ticket.status).toBe('closed');
    expect(tagged.ticket.labels).toEqual(['hardware']);
    expect(tagged.changes).toEqual(expect.arrayContaining(['labeled']));
    expect(deleted).toEqual({ ticket: { id: ticket.id, uuid: ticket.uuid, number: ticket.number, ref: ticket.ref, subject: 'Printer on fire' } });
  });

  it('an endpoint gets only the event types it subscribed to, and only its workspace', async () => {
    const { receiver } = await subscribe(t, ['message.created']);
    const other = await t.workspace('hooks-quiet');
    await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': other.agent.token }, payload: { subject: 'elsewhere', priority: 2 } });
    const res = await taskipCreate('only messages');
    const id = res.json().data.id;
    await t.app.inject({ method: 'POST', url: `/taskip/api/public-v1/ticket/${id}/add-reply`, headers: { 'x-secret-key': ws.agent.token }, payload: { message: 'hello' } });
    await until('the reply', () => receiver.delivered().length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.delivered().map((r) => r.type)).toEqual(['message.created']);
  });
});

describe('retries', () => {
  it('a receiver answering 500, 500, then 200 gets the event on the third attempt', async () => {
    const { receiver, hook } = await subscribe(t, ['ticket.created']);
    receiver.script = [500, 500, 200];
    await taskipCreate('third time lucky');
    await until('delivery', () => receiver.delivered().length === 1);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1); // one event id, three attempts
    const deliveries = await until('recorded', async () => {
      const d = (await t.admin('GET', `/webhooks/${hook.id}/deliveries`, undefined, 'hooks')).body.deliveries;
      return d[0]?.status === 'delivered' ? d : null;
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ eventId: receiver.received[0].id, type: 'ticket.created', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });
  });

  it('a receiver down while 100 tickets are created gets all 100 afterwards, each once', async () => {
    const { receiver, hook } = await subscribe(t, ['ticket.created']);
    const port = receiver.port;
    await receiver.stop();
    for (let i = 0; i < 100; i++) expect((await taskipCreate(`outage ${i}`)).statusCode).toBe(201);
    // Attempts have failed meanwhile (connection refused) and are scheduled again.
    await until('failed attempts', async () => (await t.db.webhookDelivery.count({ where: { endpointId: hook.id, lastError: { not: null } } })) > 0);
    const metrics = await register.getSingleMetricAsString('polydesk_webhook_deliveries_total');
    expect(metrics).toMatch(/outcome="retry"/);
    const gauge = async (name: string) => (await register.getSingleMetric(name)!.get()).values[0].value;
    await until('queue metrics', async () => (await gauge('polydesk_webhook_queue_depth')) >= 50 && (await gauge('polydesk_webhook_oldest_undelivered_age_seconds')) > 0);
    await receiver.start(port);
    await until('all 100', () => receiver.delivered().length >= 100, 90_000);
    await new Promise((r) => setTimeout(r, 500));
    const subjects = receiver.delivered().map((r) => r.body.data.ticket.subject);
    expect(new Set(subjects).size).toBe(100);
    expect(receiver.delivered()).toHaveLength(100);
    expect(new Set(receiver.delivered().map((r) => r.id)).size).toBe(100);
    expect(receiver.rejected).toEqual([]);
    const pending = await t.db.webhookDelivery.count({ where: { endpointId: hook.id, status: { not: 'delivered' } } });
    expect(pending).toBe(0);
    await until('drained metrics', async () => (await gauge('polydesk_webhook_queue_depth')) === 0 && (await gauge('polydesk_webhook_oldest_undelivered_age_seconds')) === 0, 15_000);
    expect(await register.getSingleMetricAsString('polydesk_webhook_deliveries_total')).toMatch(/outcome="delivered"} \d+/);
  }, 180_000);
});

describe('after the schedule is exhausted', () => {
  let t2: TestApp;
  beforeAll(async () => {
    // With a key, secrets are encrypted at rest; deliveries must still verify.
    t2 = await startApp({ ...FAST, WEBHOOK_RETRY_SCHEDULE: '0.05,0.05', WEBHOOK_SECRET_KEY: 'delivery-test-key-0123456789' });
  }, 180_000);
  afterAll(() => t2.close());

  it('the delivery is failed, and a manual retry delivers it', async () => {
    const ws2 = await t2.workspace('exhaust');
    const { receiver, hook } = await subscribe(t2, ['ticket.created'], 'exhaust');
    receiver.script = [503, 503, 503];
    await t2.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws2.agent.token }, payload: { subject: 'doomed', priority: 2 } });
    const [failed] = await until('failed', async () => {
      const d = (await t2.admin('GET', `/webhooks/${hook.id}/deliveries`, undefined, 'exhaust')).body.deliveries;
      return d[0]?.status === 'failed' ? d : null;
    });
    expect(failed).toMatchObject({ attempts: 3, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null, deliveredAt: null });
    expect(receiver.received).toHaveLength(3);

    const retry = await t2.admin('POST', `/webhooks/${hook.id}/deliveries/${failed.id}/retry`, undefined, 'exhaust');
    expect(retry.status).toBe(202);
    await until('delivered', () => receiver.delivered().length === 1);
    const [after] = (await until('recorded', async () => {
      const d = (await t2.admin('GET', `/webhooks/${hook.id}/deliveries`, undefined, 'exhaust')).body.deliveries;
      return d[0]?.status === 'delivered' ? d : null;
    })) as { attempts: number; status: string }[];
    expect(after).toMatchObject({ status: 'delivered', attempts: 4 });
    expect(receiver.rejected).toEqual([]);
    expect((await t2.db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).secret).toMatch(/^enc:v1:/);
    expect((await t2.admin('POST', `/webhooks/${hook.id}/deliveries/${failed.id}/retry`, undefined, 'exhaust')).status).toBe(409);
  });
});

describe('delivery targets', () => {
  let t3: TestApp;
  beforeAll(async () => {
    t3 = await startApp({ WEBHOOK_WORKER: 'false' });
  }, 180_000);
  afterAll(() => t3.close());

  it('refuses loopback, private and link-local addresses unless WEBHOOK_ALLOW_PRIVATE=true', async () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://10.1.2.3/x', 'http://192.168.0.10/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://localhost/x', 'http://[::ffff:127.0.0.1]/x']) {
      const res = await t3.admin('POST', '/webhooks', { url });
      expect(res.status, url).toBe(400);
      expect(res.body.errors?.url?.[0], url).toMatch(/private|loopback|resolve/);
    }
    expect((await t3.admin('POST', '/webhooks', { url: 'http://user:pw@8.8.8.8/x' })).status).toBe(400);
    expect((await t3.admin('POST', '/webhooks', { url: 'http://8.8.8.8/x' })).status).toBe(201);
  });

  it('the sender refuses a private address at connection time and follows no redirect', async () => {
    const refused = await send({ url: 'http://127.0.0.1:9/x', secret: 'whsec_' + Buffer.alloc(24, 1).toString('base64'), eventId: 'evt_x', body: '{}', timeoutMs: 1000, allowPrivate: false });
    expect(refused).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private/) });
    const r = new Receiver();
    r.secret = 'whsec_' + Buffer.alloc(24, 1).toString('base64');
    r.script = [302];
    await r.start();
    receivers.push(r);
    const redirected = await send({ url: r.url, secret: r.secret, eventId: 'evt_y', body: '{"type":"x"}', timeoutMs: 1000, allowPrivate: true });
    expect(redirected).toEqual({ ok: false, statusCode: 302, error: 'HTTP 302' });
  });
});
