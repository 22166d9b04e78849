// SupportBee tickets over HTTP: auth, create (authenticated and anonymous), show, every
// list filter with pagination totals, search, delete, and tickets shared with the domain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { getTicket } from '../../src/domain/tickets/find.js';
import { client, newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
});
afterAll(() => t.close());

const ids = (body: { tickets: { id: number }[] }) => body.tickets.map((x) => x.id).sort((a, b) => a - b);

describe('authentication', () => {
  it('answers 403 in the error envelope for missing or bad tokens', async () => {
    const none = await client(t)('GET', '/tickets');
    expect(none.status).toBe(403);
    expect(none.body).toEqual({ error: 'Access denied: an API token is required' });
    const bad = await client(t, 'pd_nope')('GET', '/tickets');
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({ error: 'Access denied: invalid API token' });
    expect((await client(t, 'pd_nope', { via: 'query' })('GET', '/tickets')).status).toBe(403);
  });

  it('accepts the Bearer header and ?auth_token=', async () => {
    expect((await agent('GET', '/tickets')).status).toBe(200);
    expect((await client(t, ws.agent.token, { via: 'query' })('GET', '/tickets')).status).toBe(200);
  });

  it('refuses customer tokens except on ticket reads', async () => {
    const u = await t.admin('POST', '/users', { email: 'cust@acme.test', name: 'Cust', role: 'customer' }, 'acme');
    const tok = await t.admin('POST', '/tokens', { userId: u.body.user.id }, 'acme');
    const res = await client(t, tok.body.token)('GET', '/labels');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/agents/);
    expect((await client(t, tok.body.token)('GET', '/tickets')).status).toBe(200);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await agent('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/not found/);
  });
});

describe('bad input', () => {
  it('is a 400 in the error envelope, never a 500', async () => {
    const tk = await newTicket(agent, 'Target');
    const cases: [string, string, unknown?][] = [
      ['GET', '/tickets?assigned_user=9999999999'],
      ['GET', '/tickets?assigned_team=0'],
      ['GET', '/tickets/search?query=%00abc'],
      ['GET', '/tickets?label=%00'],
      ['POST', '/tickets', { ticket: { subject: 'a\u0000b', requester_email: 'a@b.test', content: { text: 'x' } } }],
      ['POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'x\u0000' } } }],
      ['POST', `/tickets/${tk.id}/labels/%00`],
      ['POST', '/tickets', []],
      ['POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: 'abc' } }],
      ['GET', '/attachments/abc/download'],
    ];
    for (const [method, url, body] of cases) {
      const res = await agent(method as 'GET', url, body);
      expect(res.status, `${method} ${url}`).toBe(400);
      expect(typeof res.body.error, `${method} ${url}`).toBe('string');
    }
  });
});

describe('POST /tickets', () => {
  it('creates a ticket with the seed fields and finds or creates the requester by e-mail', async () => {
    const res = await agent('POST', '/tickets', {
      ticket: {
        subject: 'Subject',
        requester_name: 'John Doe',
        requester_email: 'John@Customer.test',
        cc: 'cc1@customer.test, cc2@customer.test',
        bcc: ['bcc@customer.test'],
        notify_requester: false,
        content: { text: 'Creating a ticket', attachment_ids: [] },
        forwarding_address_id: '',
      },
    });
    expect(res.status).toBe(201);
    const tk = res.body;
    expect(Object.keys(tk).sort()).toEqual(
      ['archived', 'bcc', 'cc', 'comments_count', 'content', 'created_at', 'current_team_asignee', 'current_user_asignee', 'id', 'labels', 'last_activity_at', 'replies_count', 'requester', 'spam', 'subject', 'summary', 'trash', 'unanswered'].sort(),
    );
    expect(tk).toMatchObject({ subject: 'Subject', replies_count: 0, comments_count: 0, unanswered: true, archived: false, spam: false, summary: 'Creating a ticket', labels: [] });
    expect(tk.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(tk.requester).toMatchObject({ name: 'John Doe', role: 'customer', agent: false, email: 'john@customer.test' });
    expect(tk.requester.picture[0].thumb48).toMatch(/^https:/);
    expect(tk.cc.map((c: { email: string }) => c.email)).toEqual(['cc1@customer.test', 'cc2@customer.test']);
    expect(tk.bcc[0]).toMatchObject({ name: '', email: 'bcc@customer.test' });
    expect(tk.content).toEqual({ text: 'Creating a ticket', html: 'Creating a ticket', attachments: [] });
    expect(tk.current_user_asignee).toBeNull();

    const again = await newTicket(agent, 'Second', { requester_email: 'john@customer.test' });
    expect(again.requester.id).toBe(tk.requester.id);
  });

  it('derives text from HTML and HTML from text, sanitizing client HTML', async () => {
    const html = await newTicket(agent, 'Html', {}, { html: '<p>Hello <b>there</b></p><script>alert(1)</script><p onclick="x()">Bye</p>' });
    expect(html.content.text).toBe('Hello there\n\nBye');
    expect(html.content.html).toBe('<p>Hello <b>there</b></p><p>Bye</p>');
    const text = await newTicket(agent, 'Text', {}, { text: 'line 1\n<line 2>' });
    expect(text.content.html).toBe('line 1<br />&lt;line 2&gt;');
    const stored = await t.db.ticket.findUniqueOrThrow({ where: { id: html.id } });
    expect(stored.descriptionHtml).not.toContain('script');
    expect(stored.descriptionText).toBe('Hello there\n\nBye');
  });

  it('validates the body', async () => {
    const missingSubject = await agent('POST', '/tickets', { ticket: { requester_email: 'a@b.test', content: { text: 'x' } } });
    expect(missingSubject.status).toBe(400);
    expect(Object.keys(missingSubject.body.errors)).toEqual(['subject']);
    expect((await agent('POST', '/tickets', { ticket: { subject: 'S', content: {} } })).status).toBe(400);
    expect((await agent('POST', '/tickets', { ticket: { subject: 'S', requester_email: 'not-an-email', content: { text: 'x' } } })).status).toBe(400);
    expect((await agent('POST', '/tickets', { ticket: { subject: 'S', cc: 'nope', content: { text: 'x' } } })).status).toBe(400);
    const fwd = await agent('POST', '/tickets', { ticket: { subject: 'S', content: { text: 'x' }, forwarding_address_id: 999 } });
    expect(fwd.status).toBe(400);
    expect(fwd.body.errors).toHaveProperty('forwarding_address_id');
    const bad = await agent('POST', '/tickets', { ticket: { subject: 'S', content: { text: 'x', attachment_ids: [999] } } });
    expect(bad.status).toBe(400);
    const malformed = await t.app.inject({ method: 'POST', url: '/supportbee/tickets', headers: { authorization: `Bearer ${ws.agent.token}`, 'content-type': 'application/json' }, payload: '{"ticket":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatch(/JSON/);
  });

  it('accepts a forwarding address id', async () => {
    const fa = await t.db.forwardingAddress.create({ data: { workspaceId: ws.id, name: 'Support', email: 'support@acme.test' } });
    const tk = await newTicket(agent, 'Forwarded', { forwarding_address_id: String(fa.id) });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).forwardingAddressId).toBe(fa.id);
  });

  it('without a token it creates the ticket in ?company= or the bootstrap workspace', async () => {
    const anon = client(t, undefined, { ip: '10.9.0.1' });
    const res = await anon('POST', '/tickets?company=acme', { ticket: { subject: 'From the website', requester_name: 'Web Visitor', requester_email: 'visitor@web.test', content: { text: 'Help' } } });
    expect(res.status).toBe(201);
    const row = await t.db.ticket.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.workspaceId).toBe(ws.id);
    expect(row.source).toBe('web');
    const dflt = await anon('POST', '/tickets', { ticket: { subject: 'Default desk', requester_email: 'visitor@web.test', content: { text: 'Hi' } } });
    expect(dflt.status).toBe(201);
    const defaultWs = await t.db.workspace.findUniqueOrThrow({ where: { slug: 'default' } });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: dflt.body.id } })).workspaceId).toBe(defaultWs.id);
    expect((await anon('POST', '/tickets?company=nope', { ticket: { subject: 'x', requester_email: 'v@web.test', content: { text: 'x' } } })).status).toBe(404);
    const noEmail = await anon('POST', '/tickets?company=acme', { ticket: { subject: 'x', content: { text: 'x' } } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.errors).toHaveProperty('requester_email');
    // A bad token is still refused, even here.
    expect((await client(t, 'pd_bad')('POST', '/tickets', { ticket: { subject: 'x', requester_email: 'v@web.test', content: { text: 'x' } } })).status).toBe(403);
  });
});

describe('GET /tickets/{id} and DELETE /tickets/{id}', () => {
  it('shows a ticket as {ticket}; other workspaces and unknown ids are 404', async () => {
    const tk = await newTicket(agent, 'Show me');
    const res = await agent('GET', `/tickets/${tk.id}`);
    expect(res.status).toBe(200);
    expect(res.body.ticket).toEqual(tk);
    const other = await t.workspace('other');
    expect((await client(t, other.agent.token)('GET', `/tickets/${tk.id}`)).status).toBe(404);
    expect((await agent('GET', '/tickets/999999')).body).toEqual({ error: 'Ticket not found' });
    expect((await agent('GET', '/tickets/99999999999')).status).toBe(404);
    expect((await agent('GET', '/tickets/abc')).status).toBe(400);
  });

  it('deletes only trashed tickets, and only for admins', async () => {
    const tk = await newTicket(agent, 'Delete me');
    expect((await admin('DELETE', `/tickets/${tk.id}`)).status).toBe(400);
    expect((await agent('POST', `/tickets/${tk.id}/trash`)).status).toBe(204);
    const denied = await agent('DELETE', `/tickets/${tk.id}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/admin/);
    const del = await admin('DELETE', `/tickets/${tk.id}`);
    expect(del.status).toBe(204);
    expect(del.raw.body).toBe('');
    expect((await admin('GET', `/tickets/${tk.id}`)).status).toBe(404);
    expect((await admin('DELETE', `/tickets/${tk.id}`)).status).toBe(404);
  });
});

describe('GET /tickets filters', () => {
  let w: WorkspaceFixture;
  let sb: Client;
  let sbAdmin: Client;
  const T: Record<string, number> = {};
  let teamId: number;

  beforeAll(async () => {
    w = await t.workspace('lists');
    sb = client(t, w.agent.token);
    sbAdmin = client(t, w.admin.token);
    await t.admin('POST', '/labels', { name: 'bug' }, 'lists');
    const team = await t.admin('POST', '/teams', { name: 'Tier 1' }, 'lists');
    teamId = team.body.team.id;
    await t.admin('POST', `/teams/${teamId}/members`, { userId: w.agent.id }, 'lists');
    const mk = async (name: string, email = 'plain@c.test') => (T[name] = (await newTicket(sb, name, { requester_email: email })).id);
    await mk('plain', 'a@c.test');
    await mk('replied', 'b@c.test');
    await mk('twice');
    await mk('spam');
    await mk('trashed');
    await mk('mine');
    await mk('admins');
    await sb('POST', `/tickets/${T.replied}/replies`, { reply: { content: { text: 'one' } } });
    await sb('POST', `/tickets/${T.replied}/labels/bug`);
    for (const n of ['1', '2']) await sb('POST', `/tickets/${T.twice}/replies`, { reply: { content: { text: n } } });
    await sb('POST', `/tickets/${T.twice}/archive`);
    await sb('POST', `/tickets/${T.spam}/spam`);
    await sb('POST', `/tickets/${T.trashed}/trash`);
    await sb('POST', `/tickets/${T.mine}/team_assignment`, { team_assignment: { team_id: teamId } });
    await sb('POST', `/tickets/${T.mine}/user_assignment`, { user_assignment: { user_id: w.agent.id } });
    await sb('POST', `/tickets/${T.admins}/user_assignment`, { user_assignment: { user_id: w.admin.id } });
  });

  const list = async (q: string) => {
    const res = await sb('GET', `/tickets${q}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('by default lists tickets that are not archived, spam or trashed, by last activity', async () => {
    const body = await list('');
    expect(ids(body)).toEqual([T.plain, T.replied, T.mine, T.admins].sort((a, b) => a - b));
    expect(body).toMatchObject({ total: 4, current_page: 1, per_page: 15, total_pages: 1 });
    // Activity is replies and comments (not assignments): "replied" got the last reply, so it leads.
    expect(body.tickets[0].id).toBe(T.replied);
  });

  it('archived true/false/any, spam, trash', async () => {
    expect(ids(await list('?archived=true'))).toEqual([T.twice]);
    expect(ids(await list('?archived=false'))).toHaveLength(4);
    expect(ids(await list('?archived=any'))).toHaveLength(5);
    expect(ids(await list('?spam=true'))).toEqual([T.spam]);
    expect(ids(await list('?trash=true'))).toEqual([T.trashed]);
    expect(ids(await list('?trash=true&archived=true'))).toEqual([]);
    expect((await sb('GET', '/tickets?archived=maybe')).status).toBe(400);
    expect((await sb('GET', '/tickets?spam=yes')).status).toBe(400);
  });

  it('replies and max_replies', async () => {
    expect(ids(await list('?replies=true'))).toEqual([T.replied]);
    expect(ids(await list('?replies=true&archived=any'))).toEqual([T.replied, T.twice]);
    expect(ids(await list('?replies=false'))).toEqual([T.plain, T.mine, T.admins].sort((a, b) => a - b));
    expect(ids(await list('?max_replies=1&archived=any'))).toEqual([T.plain, T.replied, T.mine, T.admins].sort((a, b) => a - b));
    expect(ids(await list('?replies=true&max_replies=2&archived=any'))).toEqual([T.replied, T.twice]);
    const bad = await sb('GET', '/tickets?replies=false&max_replies=1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('max_replies');
  });

  it('assigned_user me/<id>/any/none and assigned_team mine/<id>/none', async () => {
    expect(ids(await list('?assigned_user=me'))).toEqual([T.mine]);
    expect(ids((await sbAdmin('GET', '/tickets?assigned_user=me')).body)).toEqual([T.admins]);
    expect(ids(await list(`?assigned_user=${w.admin.id}`))).toEqual([T.admins]);
    expect(ids(await list('?assigned_user=any'))).toEqual([T.mine, T.admins]);
    expect(ids(await list('?assigned_user=none'))).toEqual([T.plain, T.replied]);
    expect(ids(await list('?assigned_team=mine'))).toEqual([T.mine]);
    expect(ids((await sbAdmin('GET', '/tickets?assigned_team=mine')).body)).toEqual([]);
    expect(ids(await list(`?assigned_team=${teamId}`))).toEqual([T.mine]);
    expect(ids(await list('?assigned_team=none'))).toEqual([T.plain, T.replied, T.admins]);
    expect((await sb('GET', '/tickets?assigned_user=someone')).status).toBe(400);
    expect((await sb('GET', '/tickets?assigned_team=any')).status).toBe(400);
  });

  it('label, requester_emails and total_only', async () => {
    expect(ids(await list('?label=bug'))).toEqual([T.replied]);
    expect(ids(await list('?label=BUG'))).toEqual([T.replied]);
    expect(ids(await list('?label=unknown'))).toEqual([]);
    expect(ids(await list('?requester_emails=a@c.test,%20B@c.test'))).toEqual([T.plain, T.replied]);
    expect(await list('?total_only=true')).toEqual({ total: 4 });
    expect(await list('?total_only=true&archived=any&assigned_user=any')).toEqual({ total: 2 });
  });

  it('paginates with totals; per_page must be 1..99', async () => {
    const p1 = await list('?per_page=3');
    expect(p1).toMatchObject({ total: 4, current_page: 1, per_page: 3, total_pages: 2 });
    expect(p1.tickets).toHaveLength(3);
    const p2 = await list('?per_page=3&page=2');
    expect(p2).toMatchObject({ total: 4, current_page: 2, per_page: 3, total_pages: 2 });
    expect(p2.tickets).toHaveLength(1);
    expect(new Set([...ids(p1), ...ids(p2)]).size).toBe(4);
    const past = await list('?per_page=3&page=5');
    expect(past).toMatchObject({ total: 4, current_page: 5, tickets: [] });
    expect((await list('?per_page=99')).per_page).toBe(99);
    for (const bad of ['?per_page=0', '?per_page=100', '?page=0', '?per_page=x']) expect((await sb('GET', `/tickets${bad}`)).status, bad).toBe(400);
  });
});

describe('GET /tickets since/until and sort_by', () => {
  let sb: Client;
  const T: Record<string, number> = {};
  beforeAll(async () => {
    const w = await t.workspace('dates');
    sb = client(t, w.agent.token);
    // created A < B < C; last activity C < A < B.
    const times: Record<string, [string, string]> = {
      A: ['2001-02-10T10:00:00Z', '2001-02-14T10:00:00Z'],
      B: ['2001-02-15T12:00:00Z', '2001-02-25T10:00:00Z'],
      C: ['2001-02-20T10:00:00Z', '2001-02-12T10:00:00Z'],
    };
    for (const [name, [created, activity]] of Object.entries(times)) {
      T[name] = (await newTicket(sb, name)).id;
      await t.db.ticket.update({ where: { id: T[name] }, data: { createdAt: new Date(created), lastActivityAt: new Date(activity) } });
    }
  });
  const order = async (q: string) => {
    const res = await sb('GET', `/tickets${q}`);
    expect(res.status, `${q} ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.tickets.map((x: { subject: string }) => x.subject).join('');
  };

  it('orders by last activity, or creation time with sort_by', async () => {
    expect(await order('')).toBe('BAC');
    expect(await order('?sort_by=last_activity')).toBe('BAC');
    expect(await order('?sort_by=creation_time')).toBe('CBA');
    expect((await sb('GET', '/tickets?sort_by=priority')).status).toBe(400);
  });

  it('accepts every documented date/time format', async () => {
    // Creation-time window around B (2001-02-15T12:00Z).
    const cases: [string, string][] = [
      ['2001-02-15T04:05:06+07:00', 'CB'], // 2001-02-14T21:05:06Z
      ['20010215T040506+0700', 'CB'],
      ['15th Feb 2001 04:05:06 PM', 'C'], // 16:05:06Z, after B
      ['15th Feb 2001 04:05:06 AM', 'CB'],
      ['2001-02-15', 'CB'],
      ['20010215', 'CB'],
      ['982209906', 'CB'], // Unix time of 2001-02-15T04:05:06Z
      ['2001-02-16T00:00:00Z', 'C'],
    ];
    for (const [since, want] of cases) expect(await order(`?sort_by=creation_time&since=${encodeURIComponent(since)}`), since).toBe(want);
    expect(await order(`?sort_by=creation_time&until=${encodeURIComponent('15th Feb 2001 04:05:06 PM')}`)).toBe('BA');
    expect(await order('?sort_by=creation_time&since=20010211&until=2001-02-16')).toBe('B');
  });

  it('filters last activity by default', async () => {
    expect(await order('?since=2001-02-13')).toBe('BA');
    expect(await order('?until=2001-02-13')).toBe('C');
  });

  it('rejects unknown formats', async () => {
    for (const bad of ['yesterday', '2001-02-30', '15th Foo 2001', '2001-13-01T00:00:00Z']) {
      const res = await sb('GET', `/tickets?since=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.errors).toHaveProperty('since');
    }
  });
});

describe('GET /tickets/search', () => {
  it('searches subject, content, replies and comments with the list envelope', async () => {
    const w = await t.workspace('search');
    const sb = client(t, w.agent.token);
    const a = await newTicket(sb, 'Printer on fire');
    const b = await newTicket(sb, 'Other', {}, { text: 'the scanner is jammed' });
    const c = await newTicket(sb, 'Third');
    await sb('POST', `/tickets/${c.id}/replies`, { reply: { content: { text: 'Try the zebra cable' } } });
    const d = await newTicket(sb, 'Fourth');
    await sb('POST', `/tickets/${d.id}/comments`, { comment: { content: { text: 'internal: walrus protocol' } } });
    const e = await newTicket(sb, 'Spam printer offer');
    await sb('POST', `/tickets/${e.id}/spam`);
    await sb('POST', `/tickets/${a.id}/archive`);
    const find = async (q: string) => (await sb('GET', `/tickets/search?query=${q}`)).body;
    expect(ids(await find('printer'))).toEqual([a.id]);
    expect(ids(await find('SCANNER'))).toEqual([b.id]);
    expect(ids(await find('zebra'))).toEqual([c.id]);
    expect(ids(await find('walrus'))).toEqual([d.id]);
    expect(ids((await sb('GET', '/tickets/search?query=printer&spam=true')).body)).toEqual([e.id]);
    const page = (await sb('GET', '/tickets/search?query=t&per_page=2&page=1')).body;
    expect(page).toMatchObject({ current_page: 1, per_page: 2 });
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.total_pages).toBe(Math.ceil(page.total / 2));
    expect((await sb('GET', '/tickets/search')).status).toBe(400);
    expect((await sb('GET', '/tickets/search?query=')).status).toBe(400);
  });
});

describe('one ticket, every dialect', () => {
  it('a ticket created through SupportBee reads back through the domain', async () => {
    const tk = await newTicket(agent, 'Cross-dialect', { requester_email: 'x@cross.test' }, { html: '<p>Via <i>SupportBee</i></p>' });
    const ctx = { db: t.db, workspaceId: ws.id, actor: null };
    const view = await getTicket(ctx, { id: tk.id });
    expect(view).toMatchObject({ subject: 'Cross-dialect', descriptionText: 'Via SupportBee', descriptionHtml: '<p>Via <i>SupportBee</i></p>', source: 'api', unanswered: true });
    expect(view.requester?.email).toBe('x@cross.test');
  });

  it('a ticket created through the domain (another dialect) shows in SupportBee', async () => {
    const ctx = { db: t.db, workspaceId: ws.id, actor: { userId: ws.agent.id, name: 'agent acme', role: 'agent' as const } };
    const view = await createTicket(ctx, { subject: 'From Suptask', descriptionText: 'Made elsewhere', requester: { email: 'slack@cross.test', name: 'Slacker' }, labels: ['elsewhere'] });
    const res = await agent('GET', `/tickets/${view.id}`);
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: view.id, subject: 'From Suptask', content: { text: 'Made elsewhere', html: 'Made elsewhere' }, labels: [{ name: 'elsewhere', color: '#ffffff' }] });
    expect(ids((await agent('GET', '/tickets?label=elsewhere')).body)).toEqual([view.id]);
  });
});
