// Sympoq reads over HTTP: GET ticket, the filter segments of the list, auth and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import type { Ctx } from '../../src/domain/context.js';

let t: TestApp;
let ws: WorkspaceFixture;
let other: WorkspaceFixture;
const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
let q1: number, q2: number, t1: number, t2: number, vip: number, otherRef: string, customerToken: string;

const P = '/sympoq/app/desk/api';
const get = (url: string, token = ws.agent.token, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: P + url, headers: { apikey: token, ...headers } });
/** The ids the list answers, in order. */
async function list(segments: string, token = ws.agent.token): Promise<string[]> {
  const res = await get(`/tickets/${segments}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().map((x: { id: string }) => x.id);
}

async function fixtures(slug: string, w: WorkspaceFixture) {
  const id = async (path: string, body: object, key: string) => (await t.admin('POST', path, body, slug)).body[key].id as number;
  return {
    q1: await id('/queues', { name: 'Technical support' }, 'queue'),
    q2: await id('/queues', { name: 'Billing' }, 'queue'),
    t1: await id('/topics', { name: 'Email conversion' }, 'topic'),
    t2: await id('/topics', { name: 'Hardware' }, 'topic'),
    ctx: { db: t.db, workspaceId: w.id, actor: { userId: w.agent.id, name: `agent ${slug}`, role: 'agent' } } satisfies Ctx,
  };
}

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  other = await t.workspace('other');
  const f = await fixtures('acme', ws);
  ({ q1, q2, t1, t2 } = f);
  vip = (await t.admin('POST', '/users', { name: 'VIP', role: 'customer', type: 'customer_group' }, 'acme')).body.user.id;
  const houston = (await t.admin('POST', '/users', { name: 'Houston Brooks', email: 'hbrooks@example.com', role: 'customer' }, 'acme')).body.user.id;
  customerToken = (await t.admin('POST', '/tokens', { userId: houston }, 'acme')).body.token;
  // The admin API has no customer-group membership endpoint yet: fixture through the database.
  await t.db.customerGroupMember.create({ data: { groupId: vip, memberId: houston } });
  await t.admin('POST', '/custom-fields', { name: 'Browser', type: 'select', options: ['Chrome', 'Firefox'] }, 'acme');
  await t.admin('POST', '/custom-fields', { name: 'Timing', type: 'date' }, 'acme');

  const a = await createTicket(f.ctx, {
    subject: 'Email conversion',
    descriptionText: 'Can a user open an issue by Outlook or Gmail, or they have to open a web system and describe the problem?',
    source: 'email',
    status: 'pending',
    queueId: q1,
    topicId: t1,
    requesterId: houston,
    assigneeId: ws.agent.id,
    labels: ['Help/Assistance'],
    customFieldScope: 'workspace',
    customFields: [
      { field: 'browser', value: 'Chrome' },
      { field: 'timing', value: '2023-09-05T16:25' },
    ],
  });
  const b = await createTicket(f.ctx, { subject: 'Printer jam', descriptionText: 'The printer on floor 2 is jammed', source: 'widget', status: 'closed', queueId: q1, topicId: t2, requester: { email: 'sam@example.com', name: 'Sam' } });
  const c = await createTicket(f.ctx, { subject: 'Invoice copy', descriptionText: 'Please send me a copy', source: 'call', status: 'in_progress', priority: 'urgent', queueId: q2, topicId: t1, requesterId: houston, assigneeId: ws.admin.id, labels: ['Service request'] });
  // Creation dates for the date filters (fixtures: the domain stamps "now").
  const created = { [a.id]: '2023-09-05T14:20:54Z', [b.id]: '2023-11-14T11:05:14Z', [c.id]: '2024-02-01T00:30:00Z' };
  for (const [tid, at] of Object.entries(created)) await t.db.ticket.update({ where: { id: Number(tid) }, data: { createdAt: new Date(at) } });
  await t.db.ticket.update({ where: { id: a.id }, data: { estimatedMinutes: 2 * 1440 + 24 } });
  ids.a = a.ref;
  ids.b = b.ref;
  ids.c = c.ref;
  const o = await fixtures('other', other);
  // Refs are per workspace: the fourth ticket there has a ref no ticket here has.
  for (let i = 0; i < 4; i++) otherRef = (await createTicket(o.ctx, { subject: 'Elsewhere', descriptionText: i === 3 ? 'printer' : 'other', queueId: o.q1 })).ref;
});
afterAll(() => t?.close());

describe('sympoq auth', () => {
  it('answers 401 without an apikey or with a bad one, 403 with a customer key', async () => {
    const none = await t.app.inject({ url: `${P}/ticket/${ids.a}` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: 'Missing apikey header' });
    const bad = await get(`/ticket/${ids.a}`, 'nope');
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ error: 'Invalid apikey' });
    const customer = await get(`/ticket/${ids.a}`, customerToken);
    expect(customer.statusCode).toBe(403);
    expect(customer.json()).toEqual({ error: expect.any(String) });
    expect((await t.app.inject({ url: `${P}/tickets/any/any/any/any/any/any/any/*`, headers: { authorization: `Bearer ${ws.agent.token}` } })).statusCode).toBe(401);
  });
});

describe('GET /ticket/{id}', () => {
  it('answers every field of the seed', async () => {
    const res = await get(`/ticket/${ids.a}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: ids.a,
      queue: q1,
      created: '2023-09-05T14:20:54Z',
      channel: 2,
      priority: 2,
      status: 3,
      has_attachments: false,
      has_notes: false,
      topic: t1,
      description: 'Can a user open an issue by Outlook or Gmail, or they have to open a web system and describe the problem?',
      reported_by: 'Houston Brooks',
      customer: { registered: true, name: 'Houston Brooks', email: 'hbrooks@example.com', role: 'Customer', group: 'VIP' },
      assignee: ws.agent.id,
      deadline: null,
      responded: null,
      minutes: 0,
      rating: null,
      closed_on: null,
      tags: ['Help/Assistance'],
      solution: null,
      estimated: '2 00:24',
      custom_fields: { Browser: 'Chrome', Timing: '05-SEP-23 16:25' },
    });
    expect(body.assigned_on).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(body.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Open since 2023-09-05 14:20:54: many days, in D HH:MM.
    expect(body.elapsed).toMatch(/^\d{3,} \d{2}:\d{2}$/);
    expect(body).not.toHaveProperty('event_log');
    expect(ids.a).toMatch(/^\d{2}-\d{2}-[0-9A-Z]+-[0-9A-Z]{3}$/);
  });

  it('maps channel, status and priority numbers and the closed elapsed time', async () => {
    const b = (await get(`/ticket/${ids.b}`)).json();
    expect(b).toMatchObject({ channel: 4, status: 4, priority: 2, assignee: null, assigned_on: null, estimated: null, customer: { registered: true, name: 'Sam', group: null, role: 'Customer' } });
    expect(b.closed_on).not.toBeNull();
    expect(b.elapsed).toMatch(/^\d+ \d{2}:\d{2}$/);
    expect(b.custom_fields).toEqual({ Browser: null, Timing: null });
    const c = (await get(`/ticket/${ids.c}`)).json();
    expect(c).toMatchObject({ channel: 3, status: 2, priority: 4, assignee: ws.admin.id, tags: ['Service request'] });
  });

  it('adds the event log with header event_log: 1', async () => {
    const body = (await get(`/ticket/${ids.a}`, ws.agent.token, { event_log: '1' })).json();
    expect(body.event_log.map((e: { action: string }) => e.action)).toEqual(['Assigned', 'Created']);
    // A customer's report: Created is applied by the reporter, not the agent who carried it in.
    expect(body.event_log[1]).toMatchObject({ action: 'Created', description: body.description, applied_by: body.customer.name, billable: null });
    expect(body.event_log[1].date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}\+00:00$/);
    expect((await get(`/ticket/${ids.a}`, ws.agent.token, { event_log: '0' })).json()).not.toHaveProperty('event_log');
    expect((await get(`/ticket/${ids.a}`, ws.agent.token, { event_log: 'no' })).json()).not.toHaveProperty('event_log');
  });

  it('answers 404 for unknown ids and tickets of another workspace, and for unknown routes', async () => {
    const res = await get('/ticket/01-01-0-ZZZ');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Ticket not found' });
    expect((await get(`/ticket/${otherRef}`)).statusCode).toBe(404);
    expect((await get('/ticket/')).statusCode).toBe(404);
    const route = await get('/nothing/here');
    expect(route.statusCode).toBe(404);
    expect(route.json().error).toMatch(/not found/);
  });

  it('finds a ticket by its lower-case id too', async () => {
    expect((await get(`/ticket/${ids.a.toLowerCase()}`)).json().id).toBe(ids.a);
  });
});

describe('GET /tickets/{queue}/{status}/{topic}/{group}/{assignee}/{from}/{to}/{search}', () => {
  it('lists every ticket of the workspace, oldest first, with any/*', async () => {
    expect(await list('any/any/any/any/any/any/any/*')).toEqual([ids.a, ids.b, ids.c]);
    expect(await list('ANY/any/any/any/any/any/any/any')).toEqual([ids.a, ids.b, ids.c]);
    const res = await get('/tickets/any/any/any/any/any/any/any/*');
    expect(res.json()[0]).toMatchObject({ id: ids.a, custom_fields: { Browser: 'Chrome' }, customer: { group: 'VIP' } });
    expect(res.json()[0]).not.toHaveProperty('event_log');
  });

  it('filters by each segment alone', async () => {
    expect(await list(`${q1}/any/any/any/any/any/any/*`)).toEqual([ids.a, ids.b]);
    expect(await list(`${q2}/any/any/any/any/any/any/*`)).toEqual([ids.c]);
    expect(await list('any/0/any/any/any/any/any/*')).toEqual([ids.a, ids.c]);
    expect(await list('any/1/any/any/any/any/any/*')).toEqual([]);
    expect(await list('any/2/any/any/any/any/any/*')).toEqual([ids.c]);
    expect(await list('any/3/any/any/any/any/any/*')).toEqual([ids.a]);
    expect(await list('any/4/any/any/any/any/any/*')).toEqual([ids.b]);
    expect(await list(`any/any/${t1}/any/any/any/any/*`)).toEqual([ids.a, ids.c]);
    expect(await list(`any/any/${t2}/any/any/any/any/*`)).toEqual([ids.b]);
    expect(await list(`any/any/any/${vip}/any/any/any/*`)).toEqual([ids.a, ids.c]);
    expect(await list(`any/any/any/${vip + 1000}/any/any/any/*`)).toEqual([]);
    expect(await list(`any/any/any/any/${ws.agent.id}/any/any/*`)).toEqual([ids.a]);
    expect(await list(`any/any/any/any/${ws.admin.id}/any/any/*`)).toEqual([ids.c]);
    expect(await list('any/any/any/any/any/14-NOV-2023/any/*')).toEqual([ids.b, ids.c]);
    expect(await list('any/any/any/any/any/15-NOV-2023/any/*')).toEqual([ids.c]);
    // `to` includes its whole day.
    expect(await list('any/any/any/any/any/any/14-NOV-2023/*')).toEqual([ids.a, ids.b]);
    expect(await list('any/any/any/any/any/any/13-nov-2023/*')).toEqual([ids.a]);
    expect(await list('any/any/any/any/any/any/any/printer')).toEqual([ids.b]);
    expect(await list('any/any/any/any/any/any/any/COPY')).toEqual([ids.c]);
    // Subject only, description only, tag only.
    expect(await list('any/any/any/any/any/any/any/invoice')).toEqual([ids.c]);
    expect(await list('any/any/any/any/any/any/any/jammed')).toEqual([ids.b]);
    expect(await list(`any/any/any/any/any/any/any/${encodeURIComponent('service req')}`)).toEqual([ids.c]);
    expect(await list(`any/any/any/any/any/any/any/${ids.a}`)).toEqual([ids.a]);
    expect(await list('any/any/any/any/any/any/any/Outlook')).toEqual([ids.a]);
  });

  it('combines segments (the seed query)', async () => {
    expect(await list(`${q1}/any/${t1}/any/${ws.agent.id}/02-SEP-2023/14-JAN-2024/*`)).toEqual([ids.a]);
    expect(await list(`${q1}/0/any/${vip}/any/any/any/*`)).toEqual([ids.a]);
    expect(await list(`any/0/${t1}/${vip}/any/01-JAN-2024/any/invoice`)).toEqual([ids.c]);
    expect(await list(`${q2}/any/${t2}/any/any/any/any/*`)).toEqual([]);
    expect(await list(`any/any/any/any/any/01-OCT-2023/31-DEC-2023/*`)).toEqual([ids.b]);
  });

  it('never shows another workspace', async () => {
    expect(await list('any/any/any/any/any/any/any/printer', other.agent.token)).toEqual([otherRef]);
  });

  it('pages with the page/per_page extension', async () => {
    const res = await get('/tickets/any/any/any/any/any/any/any/*?per_page=2&page=2');
    expect(res.json().map((x: { id: string }) => x.id)).toEqual([ids.c]);
  });

  it('answers 400 naming the malformed segment', async () => {
    for (const [segments, name] of [
      ['abc/any/any/any/any/any/any/*', 'queue'],
      ['any/5/any/any/any/any/any/*', 'status'],
      ['any/x/any/any/any/any/any/*', 'status'],
      ['any/any/1.5/any/any/any/any/*', 'topic'],
      ['any/any/any/vip/any/any/any/*', 'group'],
      ['any/any/any/any/-1/any/any/*', 'assignee'],
      ['any/any/any/any/any/2023-09-02/any/*', 'from'],
      ['any/any/any/any/any/any/31-FEB-2024/*', 'to'],
      ['any/any/any/any/any/02-SEP-2023/yesterday/*', 'to'],
    ]) {
      const res = await get(`/tickets/${segments}`);
      expect(res.statusCode, segments).toBe(400);
      const body = res.json();
      expect(body.error, segments).toContain(name);
      expect(Object.keys(body.fields), segments).toEqual([name]);
    }
  });
});

describe('workspace date formats', () => {
  it('reads from/to in a non-default format and time zone, and renders date fields with it', async () => {
    const patch = await t.admin('PATCH', '/workspaces/acme', { dateFormat: 'MM/DD/YYYY', datetimeFormat: 'YYYY-MM-DD HH:MI PM', timeZone: 'Asia/Tokyo' });
    expect(patch.status).toBe(200);
    try {
      // c was created 2024-02-01T00:30Z = 09:30 on 1 Feb in Tokyo; b on 14 Nov.
      expect(await list(`any/any/any/any/any/${encodeURIComponent('11/15/2023')}/any/*`)).toEqual([ids.c]);
      expect(await list(`any/any/any/any/any/${encodeURIComponent('2/1/2024')}/${encodeURIComponent('02/01/2024')}/*`)).toEqual([ids.c]);
      expect(await list(`any/any/any/any/any/any/${encodeURIComponent('01/31/2024')}/*`)).toEqual([ids.a, ids.b]);
      const old = await get('/tickets/any/any/any/any/any/01-NOV-2023/any/*');
      expect(old.statusCode).toBe(400);
      expect(old.json().error).toContain('MM/DD/YYYY');
      const a = (await get(`/ticket/${ids.a}`, ws.agent.token, { event_log: '1' })).json();
      expect(a.custom_fields.Timing).toBe('2023-09-05 04:25 PM');
      expect(a.event_log[0].date).toMatch(/\+09:00$/);
      // Tokyo's day starts nine hours before UTC's: 01-FEB in UTC still includes c.
      await t.admin('PATCH', '/workspaces/acme', { timeZone: 'UTC' });
      expect(await list(`any/any/any/any/any/${encodeURIComponent('02/01/2024')}/${encodeURIComponent('02/01/2024')}/*`)).toEqual([ids.c]);
      await t.admin('PATCH', '/workspaces/acme', { timeZone: 'America/Los_Angeles' });
      expect(await list(`any/any/any/any/any/${encodeURIComponent('02/01/2024')}/any/*`)).toEqual([]);
    } finally {
      await t.admin('PATCH', '/workspaces/acme', { dateFormat: 'DD-MON-YYYY', datetimeFormat: 'DD-MON-YY HH24:MI', timeZone: 'UTC' });
    }
  });

  it('reports a workspace format the parser cannot use as a 400 on the segment', async () => {
    await t.admin('PATCH', '/workspaces/acme', { dateFormat: 'DD-QQ-YYYY' });
    try {
      const res = await get('/tickets/any/any/any/any/any/02-SEP-2023/any/*');
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.from[0]).toContain('not supported');
    } finally {
      await t.admin('PATCH', '/workspaces/acme', { dateFormat: 'DD-MON-YYYY' });
    }
  });
});
