// What real Suptask clients send and see: numbers in paths as scripts build them, trailing
// slashes, bad or missing tokens on the limited route (rate-limit headers on every answer),
// plain-text bodies, and tickets raised through other dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { client, createFormTicket, suptaskWorkspace, type SuptaskFixture } from './setup.js';

let t: TestApp;
let acme: SuptaskFixture;
let api: ReturnType<typeof client>;
let number: number;
let uuid: string;

beforeAll(async () => {
  t = await startApp({ SUPTASK_RATE_LIMIT_MAX: '50', SUPTASK_RATE_LIMIT_WINDOW_MS: '60000' });
  acme = await suptaskWorkspace(t, 'acme');
  api = client(t);
  ({ uuid, number } = await createFormTicket(t, acme, 'paths and headers'));
});
afterAll(() => t.close());

const auth = () => ({ token: acme.agent.token });
const rateHeaders = (h: Record<string, unknown>) => {
  expect(h['x-ratelimit-limit']).toBe('50');
  expect(h['x-ratelimit-remaining']).toMatch(/^\d+$/);
  expect(String(h['x-ratelimit-reset'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
};

describe('GET /ticket/{ticketNumber} path values', () => {
  it('non-digits are 400 "must be numeric" (hex, exponent, sign, blank, decimal)', async () => {
    for (const bad of [`0x${number.toString(16)}`, `${number}e0`, `%2B${number}`, `%20${number}`, `${number}.0`, 'abc']) {
      const res = await api('GET', `/ticket/${bad}`, auth());
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().message).toMatch(/must be numeric/);
    }
  });
  it('digits beyond any ticket number are 404, not 400', async () => {
    for (const big of ['99999999999', '2147483648', '0']) {
      const res = await api('GET', `/ticket/${big}`, auth());
      expect(res.statusCode, big).toBe(404);
      expect(res.json()).toEqual({ message: expect.any(String) });
    }
  });
  it('a trailing slash is the same ticket', async () => {
    const res = await api('GET', `/ticket/${number}/`, auth());
    expect(res.statusCode).toBe(200);
    expect(res.json().ticketNumber).toBe(number);
    expect((await api('PATCH', `/ticket/${uuid}/`, auth(), { priority: 'High' })).statusCode).toBe(200);
  });
});

describe('rate-limit headers on every answer of the limited route', () => {
  it('200, 400 and 404 carry them', async () => {
    for (const path of [`/ticket/${number}`, '/ticket/abc', '/ticket/999999']) rateHeaders((await api('GET', path, auth())).headers);
  });
  it('401 without a token or with a bad one carries them', async () => {
    for (const a of [null, { token: 'nope' }, { header: 'Api-Token' }]) {
      const res = await api('GET', `/ticket/${number}`, a);
      expect(res.statusCode).toBe(401);
      rateHeaders(res.headers);
    }
  });
  it('403 for a customer token carries them', async () => {
    const u = await t.admin('POST', '/users', { email: 'cus@acme.test', name: 'Customer', role: 'customer' }, 'acme');
    const token = (await t.admin('POST', '/tokens', { userId: u.body.user.id }, 'acme')).body.token;
    const res = await api('GET', `/ticket/${number}`, { token });
    expect(res.statusCode).toBe(403);
    rateHeaders(res.headers);
  });
  it('other routes do not count against it', async () => {
    const res = await api('PATCH', `/ticket/${uuid}`, null, { priority: 'Low' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });
});

describe('requester of a ticket raised elsewhere', () => {
  it('requesterId and requester describe the same person', async () => {
    const ctx = { db: t.db, workspaceId: acme.id, actor: { userId: acme.agent.id, name: 'agent acme', role: 'agent' as const } };
    const tk = await createTicket(ctx, { subject: 'from another dialect', descriptionText: 'no requester given', source: 'api', creatorId: acme.agent.id });
    const res = await api('GET', `/ticket/${tk.number}`, auth());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const agent = await t.db.user.findUniqueOrThrow({ where: { id: acme.agent.id } });
    expect(body.requesterId).toBe(agent.slackId);
    expect(body.requester).toBe(agent.name);
  });
});

describe('bodies of a type the API does not take', () => {
  it('text/plain is 415 {message}', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/suptask/ticket', headers: { authorization: `Api-Token ${acme.admin.token}`, 'content-type': 'text/plain' }, payload: 'description=x' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });
});

describe('priority: null (the seed: PATCH priority and Ticket.priority are nullable)', () => {
  // The admin's token: the agent's budget of the limited GET is for the tests above.
  const admin = () => ({ token: acme.admin.token });
  const read = async (n: number) => {
    const res = await api('GET', `/ticket/${n}`, admin());
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const create = async (extra: Record<string, unknown>) => {
    const res = await api('POST', '/ticket', admin(), { description: 'priority test', formId: acme.formId, requesterChannel: acme.channels[0], customFields: [{ fieldId: acme.fields.browser, value: 'Chrome' }], ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return t.db.ticket.findUniqueOrThrow({ where: { uuid: res.json().ticketId } });
  };

  it('PATCH priority: null leaves the ticket without a priority: it reads null, and a priority can be set again', async () => {
    const tk = await create({ priority: 'High' });
    expect((await read(tk.number)).priority).toBe('High');
    const cleared = await api('PATCH', `/ticket/${tk.uuid}`, admin(), { priority: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((await read(tk.number)).priority).toBeNull();
    expect((await api('PATCH', `/ticket/${tk.uuid}`, admin(), { priority: 'urgent' })).statusCode).toBe(200);
    expect((await read(tk.number)).priority).toBe('Urgent');
  });
  it('POST with priority: null creates a ticket without a priority; left out, it is Normal', async () => {
    expect((await read((await create({ priority: null })).number)).priority).toBeNull();
    expect((await read((await create({})).number)).priority).toBe('Normal');
  });
  it('an unknown priority is still a 400 {message}; priority: null alone is a valid PATCH', async () => {
    const tk = await create({});
    const bad = await api('PATCH', `/ticket/${tk.uuid}`, admin(), { priority: 'P0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ message: expect.stringMatching(/priority/) });
    expect((await api('POST', '/ticket', admin(), { description: 'x', formId: acme.formId, requesterChannel: acme.channels[0], priority: 7 })).statusCode).toBe(400);
    expect((await api('PATCH', `/ticket/${tk.uuid}`, admin(), { priority: null })).statusCode).toBe(200);
  });

  describe('the other dialects read a ticket without a priority in their own words, never a 500', () => {
    let tk: { id: number; uuid: string; number: number; ref: string };
    const token = () => acme.admin.token;
    const get = async (url: string, headers: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };
    beforeAll(async () => {
      tk = await create({ priority: 'Low' });
      expect((await api('PATCH', `/ticket/${tk.uuid}`, admin(), { priority: null })).statusCode).toBe(200);
    });

    it('SupportBee (no priority field) shows the ticket', async () => {
      expect((await get(`/supportbee/tickets/${tk.id}`, { authorization: `Bearer ${token()}` })).ticket.id).toBe(tk.id);
    });
    it('CRM: normal (its lowest, required value); priority=normal finds it; ticket_priority sorts it with the normal ones by id', async () => {
      const crm = { authorization: `Bearer ${token()}` };
      expect((await get(`/crm/api/tickets/${tk.id}`, crm)).data.priority).toBe('normal');
      expect((await get('/crm/api/tickets?priority=normal&limit=100', crm)).data.map((x: { id: number }) => x.id)).toContain(tk.id);
      expect((await get('/crm/api/tickets?priority=high&limit=100', crm)).data.map((x: { id: number }) => x.id)).not.toContain(tk.id);
      const sorted: { id: number; priority: string }[] = (await get('/crm/api/tickets?sort=ticket_priority&order=asc&limit=100', crm)).data;
      expect(sorted.map((x) => x.id)).toContain(tk.id);
      const rank = { normal: 0, high: 1, urgent: 2 } as Record<string, number>;
      for (let i = 1; i < sorted.length; i++) {
        const [a, b] = [sorted[i - 1], sorted[i]];
        expect(rank[a.priority] < rank[b.priority] || (a.priority === b.priority && a.id < b.id), `${a.id} before ${b.id}`).toBe(true);
      }
    });
    it('CRM: an edit that sends the normal it read back keeps the ticket without a priority', async () => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/crm/api/tickets/${tk.id}`,
        headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
        payload: { ticket_categoryid: acme.queueId, ticket_subject: 'edited in the CRM', ticket_message: 'priority test', ticket_priority: 'normal' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toMatchObject({ subject: 'edited in the CRM', priority: 'normal' });
      expect((await read(tk.number)).priority).toBeNull();
    });
    it('TaskIP: 1 (normal); priority=normal and priority=1 find it; analytics count it as normal', async () => {
      const taskip = { 'x-secret-key': token() };
      expect((await get(`/taskip/api/public-v1/support-ticket/${tk.id}`, taskip)).priority).toBe(1);
      for (const p of ['normal', '1']) expect((await get(`/taskip/api/public-v1/support-ticket?priority=${p}&limit=100`, taskip)).data.map((x: { id: number }) => x.id), p).toContain(tk.id);
      const sorted: { id: number; priority: number }[] = (await get('/taskip/api/public-v1/support-ticket?sort=priority&order=asc&limit=100', taskip)).data;
      for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1].priority <= sorted[i].priority).toBe(true);
      const byPriority = (await get('/taskip/api/public-v1/ticket/analytics?period=year&group_by=priority', taskip)).data.by_priority;
      expect(Object.keys(byPriority).sort()).toEqual(['high', 'low', 'medium', 'normal', 'urgent']);
      expect(byPriority.normal).toBeGreaterThanOrEqual(1);
    });
    it('Sympoq: 2 (Normal), also in its event log', async () => {
      const view = await get(`/sympoq/app/desk/api/ticket/${tk.ref}`, { apikey: token(), event_log: '1' });
      expect(view.priority).toBe(2);
      const changes = view.event_log.filter((e: { action: string }) => e.action === 'Priority Changed');
      expect(changes.at(0)).toMatchObject({ description: 'Normal' });
    });
  });
});
