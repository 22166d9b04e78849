// The permission table, walked over HTTP: every write route of every dialect (and the admin
// API) is called with an admin's, an agent's, a collaborator's and a customer's token, and
// each answer must be what the README's permission table says: 2xx where the role may, 403 in
// the dialect's own envelope where it may not. The app's own route list drives the walk, so a
// new write route without a row here fails the test instead of being skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';

type Role = 'admin' | 'agent' | 'collaborator' | 'customer';
const ROLES: Role[] = ['admin', 'agent', 'collaborator', 'customer'];
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Tk {
  id: number;
  uuid: string;
  number: number;
  ref: string;
}
interface Req {
  url: string;
  payload?: unknown;
  files?: boolean;
}
/** `allow`: the roles that succeed; every other role gets 403. `req` builds a fresh, valid request. */
interface Row {
  allow: Role[];
  req: (as: Role) => Promise<Req>;
}

let t: TestApp;
let ws: WorkspaceFixture;
const token: Record<Role, string> = { admin: '', agent: '', collaborator: '', customer: '' };
const userId: Record<Role, number> = { admin: 0, agent: 0, collaborator: 0, customer: 0 };
let teamId = 0;
let queueId = 0;
let orgId = 0;
let formId = '';

function headers(url: string, tok: string): Record<string, string> {
  if (url.startsWith('/suptask')) return { authorization: `Api-Token ${tok}` };
  if (url.startsWith('/taskip')) return { 'x-secret-key': tok };
  if (url.startsWith('/sympoq')) return { apikey: tok };
  return { authorization: `Bearer ${tok}` };
}

async function call(method: string, url: string, as: Role, payload?: unknown, files = false) {
  const opts: InjectOptions = { method: method as InjectOptions['method'], url, headers: headers(url, token[as]) };
  if (files) {
    const m = multipart([{ name: 'files[]', value: 'hello', filename: 'a.txt', contentType: 'text/plain' }]);
    opts.payload = m.payload;
    opts.headers = { ...opts.headers, ...m.headers };
  } else if (payload !== undefined) opts.payload = payload as object;
  return t.app.inject(opts);
}

/** A fresh ticket (requested by the customer, so they could see it), made by the admin. */
async function ticket(): Promise<Tk> {
  const res = await call('POST', '/supportbee/tickets', 'admin', {
    ticket: { subject: 'Walk', requester_email: `customer@${ws.slug}.test`, content: { text: 'x' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const row = await t.db.ticket.findUniqueOrThrow({ where: { id }, select: { uuid: true, number: true, ref: true } });
  return { id, ...row };
}

async function ok(res: { statusCode: number; body: string }) {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return JSON.parse(res.body || 'null');
}

const SB = '/supportbee';
const TI = '/taskip/api/public-v1';
const STAFF: Role[] = ['admin', 'agent'];
const NOTERS: Role[] = ['admin', 'agent', 'collaborator'];
const ADMIN: Role[] = ['admin'];

const sbTicket = (path: string, payload?: unknown) => async () => ({ url: `${SB}/tickets/${(await ticket()).id}${path}`, payload });

const TABLE: Record<string, Row> = {
  // ---- SupportBee ----
  [`POST ${SB}/tickets`]: { allow: ['admin', 'agent', 'customer'], req: async () => ({ url: `${SB}/tickets`, payload: { ticket: { subject: 's', content: { text: 'x' } } } }) },
  [`DELETE ${SB}/tickets/:id`]: {
    allow: ADMIN,
    req: async () => {
      const tk = await ticket();
      await ok(await call('POST', `${SB}/tickets/${tk.id}/trash`, 'admin'));
      return { url: `${SB}/tickets/${tk.id}` };
    },
  },
  ...Object.fromEntries(['archive', 'answered', 'spam', 'trash'].flatMap((a) => ['POST', 'DELETE'].map((m) => [`${m} ${SB}/tickets/:id/${a}`, { allow: STAFF, req: sbTicket(`/${a}`) }]))),
  [`POST ${SB}/tickets/:id/user_assignment`]: { allow: STAFF, req: async () => (await sbTicket('/user_assignment', { user_assignment: { user_id: userId.agent } }))() },
  [`POST ${SB}/tickets/:id/team_assignment`]: { allow: STAFF, req: async () => (await sbTicket('/team_assignment', { team_assignment: { team_id: teamId } }))() },
  [`DELETE ${SB}/tickets/:id/user_assignment`]: { allow: STAFF, req: sbTicket('/user_assignment') },
  [`DELETE ${SB}/tickets/:id/team_assignment`]: { allow: STAFF, req: sbTicket('/team_assignment') },
  [`POST ${SB}/tickets/:id/replies`]: { allow: STAFF, req: sbTicket('/replies', { reply: { content: { text: 'hi' } } }) },
  [`POST ${SB}/tickets/:id/comments`]: { allow: NOTERS, req: sbTicket('/comments', { comment: { content: { text: 'fyi' } } }) },
  [`POST ${SB}/tickets/:id/draft`]: { allow: STAFF, req: sbTicket('/draft', { draft: { content: { text: 'draft' } } }) },
  [`PUT ${SB}/tickets/:id/draft`]: {
    allow: STAFF,
    req: async (as) => {
      const tk = await ticket();
      await call('POST', `${SB}/tickets/${tk.id}/draft`, as, { draft: { content: { text: 'first' } } });
      return { url: `${SB}/tickets/${tk.id}/draft`, payload: { draft: { content: { text: 'second' } } } };
    },
  },
  [`DELETE ${SB}/tickets/:id/draft`]: {
    allow: STAFF,
    req: async (as) => {
      const tk = await ticket();
      await call('POST', `${SB}/tickets/${tk.id}/draft`, as, { draft: { content: { text: 'first' } } });
      return { url: `${SB}/tickets/${tk.id}/draft` };
    },
  },
  [`POST ${SB}/tickets/:ticket_id/labels/:label_name`]: { allow: STAFF, req: sbTicket('/labels/bug') },
  [`DELETE ${SB}/tickets/:ticket_id/labels/:label_name`]: {
    allow: STAFF,
    req: async () => {
      const tk = await ticket();
      await ok(await call('POST', `${SB}/tickets/${tk.id}/labels/bug`, 'admin'));
      return { url: `${SB}/tickets/${tk.id}/labels/bug` };
    },
  },
  [`POST ${SB}/attachments`]: { allow: NOTERS, req: async () => ({ url: `${SB}/attachments`, files: true }) },
  [`POST ${SB}/users`]: { allow: STAFF, req: async () => ({ url: `${SB}/users`, payload: { user: { name: 'C', email: `c${Math.random()}@x.test`, role: 40 } } }) },
  [`PUT ${SB}/users/:id`]: {
    allow: STAFF,
    req: async () => {
      const u = await ok(await call('POST', `${SB}/users`, 'admin', { user: { name: 'C', email: `c${Math.random()}@x.test`, role: 40 } }));
      return { url: `${SB}/users/${u.user.id}`, payload: { user: { name: 'Renamed' } } };
    },
  },
  [`POST ${SB}/users/:id/members`]: {
    allow: STAFF,
    req: async () => {
      const g = await ok(await call('POST', `${SB}/users`, 'admin', { user: { name: `G${Math.random()}`, type: 'customer_group' } }));
      return { url: `${SB}/users/${g.user.id}/members`, payload: { member: { id: userId.customer } } };
    },
  },
  [`POST ${SB}/snippets`]: { allow: STAFF, req: async () => ({ url: `${SB}/snippets`, payload: { snippet: { name: 'S', text: 't' } } }) },
  [`PUT ${SB}/snippets/:id`]: {
    allow: STAFF,
    req: async () => {
      const s = await ok(await call('POST', `${SB}/snippets`, 'admin', { snippet: { name: 'S', text: 't' } }));
      return { url: `${SB}/snippets/${s.snippet.id}`, payload: { snippet: { name: 'S2' } } };
    },
  },
  [`DELETE ${SB}/snippets/:id`]: {
    allow: STAFF,
    req: async () => {
      const s = await ok(await call('POST', `${SB}/snippets`, 'admin', { snippet: { name: 'S', text: 't' } }));
      return { url: `${SB}/snippets/${s.snippet.id}` };
    },
  },
  [`POST ${SB}/rules`]: { allow: ADMIN, req: async () => ({ url: `${SB}/rules`, payload: { rule: { subject_contains: 'x' } } }) },
  [`POST ${SB}/consequences`]: { allow: ADMIN, req: async () => ({ url: `${SB}/consequences`, payload: { consequence: { archive: true } } }) },
  [`POST ${SB}/filters`]: {
    allow: ADMIN,
    req: async () => {
      const r = await ok(await call('POST', `${SB}/rules`, 'admin', { rule: { subject_contains: 'x' } }));
      const c = await ok(await call('POST', `${SB}/consequences`, 'admin', { consequence: { archive: true } }));
      return { url: `${SB}/filters`, payload: { rule_id: r.rule.id, consequence_id: c.consequence.id } };
    },
  },
  [`POST ${SB}/emails`]: { allow: ADMIN, req: async () => ({ url: `${SB}/emails`, payload: { forwarding_address: { name: 'Support' } } }) },

  // ---- Suptask ----
  'POST /suptask/ticket': { allow: STAFF, req: async () => ({ url: '/suptask/ticket', payload: { description: 'd', formId, requesterChannel: 'C1SEC' } }) },
  'PATCH /suptask/ticket/:ticketId': { allow: STAFF, req: async () => ({ url: `/suptask/ticket/${(await ticket()).uuid}`, payload: { priority: 'High' } }) },
  'DELETE /suptask/ticket/:ticketId': { allow: ADMIN, req: async () => ({ url: `/suptask/ticket/${(await ticket()).uuid}` }) },
  'POST /suptask/ticket/external/:ticketId': {
    allow: STAFF,
    req: async () => ({ url: `/suptask/ticket/external/${(await ticket()).uuid}`, payload: { externalId: 'J-1', integrationType: 'jira', url: 'https://jira.test/J-1' } }),
  },
  'POST /suptask/ticket/reply/:ticketId': { allow: NOTERS, req: async () => ({ url: `/suptask/ticket/reply/${(await ticket()).uuid}`, payload: { text: 'note', channel: ['Responder'] } }) },

  // ---- crm ----
  'POST /crm/api/tickets': {
    allow: STAFF,
    req: async () => ({ url: '/crm/api/tickets', payload: { ticket_clientid: orgId, ticket_categoryid: queueId, ticket_subject: 's', ticket_message: 'm', ticket_priority: 'high' } }),
  },
  'PATCH /crm/api/tickets/:id': { allow: STAFF, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}`, payload: { ticket_categoryid: queueId, ticket_subject: 'changed', ticket_message: 'm', ticket_priority: 'high' } }) },
  'DELETE /crm/api/tickets/:id': { allow: ADMIN, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}` }) },
  'PUT /crm/api/tickets/:id/status': { allow: STAFF, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}/status`, payload: { status: 2 } }) },
  'PUT /crm/api/tickets/:id/archive': { allow: STAFF, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}/archive` }) },
  'PUT /crm/api/tickets/:id/restore': { allow: STAFF, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}/restore` }) },
  'PUT /crm/api/tickets/:id/tags': { allow: STAFF, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}/tags`, payload: { tags: ['x'] } }) },
  'POST /crm/api/tickets/:id/replies': { allow: NOTERS, req: async () => ({ url: `/crm/api/tickets/${(await ticket()).id}/replies`, payload: { ticketreply_text: 'n', ticketreply_type: 'note' } }) },
  'DELETE /crm/api/tickets/:id/replies/:reply_id': {
    allow: STAFF,
    req: async () => {
      const tk = await ticket();
      const r = await ok(await call('POST', `/crm/api/tickets/${tk.id}/replies`, 'admin', { ticketreply_text: 'r' }));
      return { url: `/crm/api/tickets/${tk.id}/replies/${r.data.id}` };
    },
  },

  // ---- TaskIP ----
  [`POST ${TI}/support-ticket`]: { allow: STAFF, req: async () => ({ url: `${TI}/support-ticket`, payload: { subject: 's', priority: 1 } }) },
  [`POST ${TI}/support-ticket/bulk-actions`]: { allow: ADMIN, req: async () => ({ url: `${TI}/support-ticket/bulk-actions`, payload: { action: 'delete', ticket_ids: [(await ticket()).id] } }) },
  [`PUT ${TI}/support-ticket/:id`]: { allow: STAFF, req: async () => ({ url: `${TI}/support-ticket/${(await ticket()).id}`, payload: { priority: 2 } }) },
  [`DELETE ${TI}/support-ticket/:id`]: { allow: ADMIN, req: async () => ({ url: `${TI}/support-ticket/${(await ticket()).id}` }) },
  [`POST ${TI}/ticket/:id/assign`]: { allow: STAFF, req: async () => ({ url: `${TI}/ticket/${(await ticket()).id}/assign`, payload: { assigned_to: userId.agent } }) },
  [`POST ${TI}/ticket/:id/status-update`]: { allow: STAFF, req: async () => ({ url: `${TI}/ticket/${(await ticket()).id}/status-update`, payload: { status: 'in_progress' } }) },
  [`POST ${TI}/ticket/:id/add-reply`]: { allow: NOTERS, req: async () => ({ url: `${TI}/ticket/${(await ticket()).id}/add-reply`, payload: { message: 'n', is_private: true } }) },
  [`POST ${TI}/ticket/:id/attachments`]: { allow: STAFF, req: async () => ({ url: `${TI}/ticket/${(await ticket()).id}/attachments`, files: true }) },
  [`POST ${TI}/support-ticket/reply/:uuid`]: { allow: STAFF, req: async () => ({ url: `${TI}/support-ticket/reply/${(await ticket()).uuid}`, payload: { description: 'r' } }) },
  [`POST ${TI}/support-ticket/:uuid/priority`]: { allow: STAFF, req: async () => ({ url: `${TI}/support-ticket/${(await ticket()).uuid}/priority`, payload: { priority: 2 } }) },
  [`POST ${TI}/support-ticket/status-update/:uuid`]: { allow: STAFF, req: async () => ({ url: `${TI}/support-ticket/status-update/${(await ticket()).uuid}`, payload: { status: 1 } }) },
  [`POST ${TI}/support-ticket/:uuid/note-store`]: { allow: NOTERS, req: async () => ({ url: `${TI}/support-ticket/${(await ticket()).uuid}/note-store`, payload: { note: 'n' } }) },
  [`DELETE ${TI}/support-ticket/:uuid/note-delete/:id`]: {
    allow: STAFF,
    req: async () => {
      const tk = await ticket();
      const n = await ok(await call('POST', `${TI}/support-ticket/${tk.uuid}/note-store`, 'admin', { note: 'n' }));
      return { url: `${TI}/support-ticket/${tk.uuid}/note-delete/${n.note.id}` };
    },
  },

  // ---- Sympoq ----
  'PUT /sympoq/app/desk/api/ticket/reply/:id': { allow: STAFF, req: async () => ({ url: `/sympoq/app/desk/api/ticket/reply/${(await ticket()).ref}`, payload: { reply: 'r' } }) },
  'PUT /sympoq/app/desk/api/ticket/assign/:id': { allow: STAFF, req: async () => ({ url: `/sympoq/app/desk/api/ticket/assign/${(await ticket()).ref}`, payload: { assignee: userId.agent } }) },
  'PUT /sympoq/app/desk/api/ticket/note/:id': { allow: NOTERS, req: async () => ({ url: `/sympoq/app/desk/api/ticket/note/${(await ticket()).ref}`, payload: { note: 'n' } }) },
  'PUT /sympoq/app/desk/api/ticket/close/:id': { allow: STAFF, req: async () => ({ url: `/sympoq/app/desk/api/ticket/close/${(await ticket()).ref}` }) },
  'PUT /sympoq/app/desk/api/ticket/move/:id': { allow: STAFF, req: async () => ({ url: `/sympoq/app/desk/api/ticket/move/${(await ticket()).ref}`, payload: { queue: queueId } }) },
  'PUT /sympoq/app/desk/api/ticket/tag/:id': { allow: STAFF, req: async () => ({ url: `/sympoq/app/desk/api/ticket/tag/${(await ticket()).ref}`, payload: { tags: 'a,b' } }) },
};

/** Each dialect's 403 envelope. */
function expectRefusal(url: string, res: { statusCode: number; body: string }) {
  expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
  const b = JSON.parse(res.body);
  if (url.startsWith('/supportbee') || url.startsWith('/sympoq')) expect(b).toEqual({ error: expect.any(String) });
  else if (url.startsWith('/taskip')) expect(b).toMatchObject({ success: false, status_code: 403, message: expect.any(String) });
  else expect(b).toEqual({ message: expect.any(String) });
}

beforeAll(async () => {
  t = await startApp({ SUPPORTBEE_CREATE_PER_MINUTE: '100000', TASKIP_RATE_LIMIT_MAX: '100000', UPLOAD_RATE_LIMIT_MAX: '100000' });
  ws = await t.workspace('perm');
  token.admin = ws.admin.token;
  token.agent = ws.agent.token;
  userId.admin = ws.admin.id;
  userId.agent = ws.agent.id;
  for (const role of ['collaborator', 'customer'] as const) {
    const u = await t.admin('POST', '/users', { email: `${role}@${ws.slug}.test`, name: role, role }, ws.slug);
    userId[role] = u.body.user.id;
    token[role] = (await t.admin('POST', '/tokens', { userId: u.body.user.id }, ws.slug)).body.token;
  }
  await t.admin('POST', '/labels', { name: 'bug' }, ws.slug);
  teamId = (await t.admin('POST', '/teams', { name: 'Tier 1' }, ws.slug)).body.team.id;
  await t.admin('POST', `/teams/${teamId}/members`, { userId: ws.agent.id }, ws.slug);
  queueId = (await t.admin('POST', '/queues', { name: 'Sales', kind: 'ticket' }, ws.slug)).body.queue.id;
  orgId = (await t.admin('POST', '/organizations', { name: 'Client' }, ws.slug)).body.organization.id;
  const form = await t.admin('POST', '/forms', { name: 'F', queueId, channels: ['C1SEC'] }, ws.slug);
  expect(form.status, JSON.stringify(form.body)).toBe(201);
  formId = form.body.form.id;
}, 120_000);
afterAll(() => t?.close());

describe('the permission table', () => {
  it('has a row for every write route the app registers (nothing is skipped)', () => {
    const writes = t.app.routeList.filter((r) => WRITE.has(r.method) && !r.url.startsWith('/admin/'));
    const missing = writes.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in TABLE));
    expect(missing).toEqual([]);
    const stale = Object.keys(TABLE).filter((k) => !writes.some((r) => `${r.method} ${r.url}` === k));
    expect(stale).toEqual([]);
    expect(writes.length).toBeGreaterThan(60);
  });

  for (const [route, row] of Object.entries(TABLE)) {
    it(`${route}: ${row.allow.join(', ')}`, async () => {
      const method = route.slice(0, route.indexOf(' '));
      for (const role of ROLES) {
        const r = await row.req(role);
        const res = await call(method, r.url, role, r.payload, r.files);
        if (row.allow.includes(role)) expect(res.statusCode, `${role} ${method} ${r.url}: ${res.body}`).toBeLessThan(300);
        else expectRefusal(r.url, res);
      }
    }, 60_000);
  }

  it('the admin API refuses every write to agents, collaborators and customers before reading the body', async () => {
    const writes = t.app.routeList.filter((r) => WRITE.has(r.method) && r.url.startsWith('/admin/'));
    expect(writes.length).toBeGreaterThan(10);
    for (const r of writes) {
      const url = r.url.replace(/:[A-Za-z_]+/g, '1');
      for (const role of ['agent', 'collaborator', 'customer'] as const) {
        const res = await call(r.method, url, role, { not: 'valid' });
        expect(res.statusCode, `${role} ${r.method} ${url}: ${res.body}`).toBe(403);
        expect(res.json()).toEqual({ message: 'Admin role required' });
      }
    }
  }, 60_000);
});
