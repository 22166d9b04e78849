// How many SQL statements each hot endpoint sends, through HTTP with a warm principal
// cache: a change that adds a query per request fails here (see bench/ for the speed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bootstrap } from '../../src/domain/workspaces.js';
import { freshDatabase } from '../helpers/database.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;
let token: string;
let ticket: { id: number };
let sent: string[] = [];
const adminToken = 'pd_test_' + randomBytes(16).toString('hex');

beforeAll(async () => {
  db = await freshDatabase({ onQuery: (sql) => sent.push(sql) });
  // No webhook worker: its polling would land in the counted window.
  const config = loadConfig({ DATA_DIR: '/tmp/polydesk-hot-test', LOG_LEVEL: 'silent', WEBHOOK_WORKER: 'false', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', BOOTSTRAP_TOKEN: adminToken, JWT_SECRET: 'test-secret-test-secret-0123' });
  await bootstrap(db.prisma, config.bootstrap);
  app = await buildApp(config, db.prisma, { logger: false });
  const admin = (url: string, payload: object) => app.inject({ method: 'POST', url: `/admin/v1${url}`, headers: { authorization: `Bearer ${adminToken}` }, payload });
  const user = (await admin('/users', { email: 'agent@hot.test', name: 'Agent', role: 'agent' })).json();
  token = (await admin('/tokens', { userId: user.user.id })).json().token;
  const created = await app.inject({ method: 'POST', url: '/supportbee/tickets', headers: { authorization: `Bearer ${token}` }, payload: { ticket: { subject: 'Hot', content: { text: 'read me' } } } });
  ticket = created.json();
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

/** Statements sent by one request, after a warm-up request that fills the caches. */
async function statements(opts: InjectOptions, warm = true): Promise<string[]> {
  const settle = () => new Promise((r) => setTimeout(r, 100)); // off-path writes (token last-used) land
  if (warm) await app.inject(opts);
  await settle();
  sent = [];
  const res = await app.inject(opts);
  expect(res.statusCode, res.body).toBeLessThan(300);
  await settle();
  // Transaction control is not counted, whether sent as BEGIN/COMMIT or logged as Prisma's implicit one.
  return sent.filter((s) => !/^(BEGIN|COMMIT)\b|^-- Implicit "(BEGIN|COMMIT)"/i.test(s.trim()));
}

describe('statements per hot request', () => {
  it('SupportBee: get 1 (the ticket with its relations and files), default list 4 (counters, page ids, rows, relations)', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect(await statements({ url: `/supportbee/tickets/${ticket.id}`, headers: auth })).toHaveLength(1);
    const list = await statements({ url: '/supportbee/tickets?page=1', headers: auth });
    expect(list).toHaveLength(4);
    expect(list.some((s) => s.includes('"TicketCount"'))).toBe(true);
  });

  it('every default list takes its total from the counters, not a count of the tickets', async () => {
    const lists: InjectOptions[] = [
      { url: '/supportbee/tickets', headers: { authorization: `Bearer ${token}` } },
      { url: '/crm/api/tickets', headers: { authorization: `Bearer ${token}` } },
      { url: '/crm/api/tickets?tags[]=', headers: { authorization: `Bearer ${token}` } },
      { url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': token } },
    ];
    for (const opts of lists) {
      const s = await statements(opts);
      expect(s.some((q) => q.includes('"TicketCount"')), `${opts.url}\n${s.join('\n')}`).toBe(true);
      expect(s.some((q) => /count\(\*\)|COUNT\(/i.test(q) && !q.includes('"TicketCount"')), `${opts.url}\n${s.join('\n')}`).toBe(false);
    }
  });

  it('TaskIP get 1 (the ticket with its file); Sympoq view with event_log 2 (ticket; display settings with the events)', async () => {
    expect(await statements({ url: `/taskip/api/public-v1/support-ticket/${ticket.id}`, headers: { 'x-secret-key': token } })).toHaveLength(1);
    expect(await statements({ url: '/sympoq/app/desk/api/ticket/1', headers: { apikey: token, event_log: '1' } })).toHaveLength(2);
  });

  it('SupportBee create: 4 statements, the answer being the ticket the webhook snapshot read', async () => {
    const create = { method: 'POST' as const, url: '/supportbee/tickets', headers: { authorization: `Bearer ${token}` }, payload: { ticket: { subject: 'More', content: { text: 'x' } } } };
    const s = await statements(create);
    // filters (before the transaction); the ticket with its number; the ticket snapshot for
    // the webhook payload; the event with its webhook event. The answer renders the snapshot.
    expect(s, s.join('\n')).toHaveLength(4);
    expect(s.filter((q) => q.includes('FROM "Ticket" t')), s.join('\n')).toHaveLength(1);
  });

  it('a token is looked up once, then served from the principal cache', async () => {
    const fresh = (await app.inject({ method: 'POST', url: '/admin/v1/tokens', headers: { authorization: `Bearer ${adminToken}` }, payload: { email: 'agent@hot.test' } })).json().token;
    const opts = { url: `/supportbee/tickets/${ticket.id}`, headers: { authorization: `Bearer ${fresh}` } };
    const cold = await statements(opts, false);
    expect(cold.filter((s) => s.includes('"ApiToken"') && s.startsWith('SELECT'))).toHaveLength(1);
    expect((await statements(opts, false)).filter((s) => s.includes('"ApiToken"'))).toHaveLength(0);
  });
});
