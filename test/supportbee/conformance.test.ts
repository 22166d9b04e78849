// What real SupportBee clients send: Python `requests` booleans (True/False), empty values,
// JS `fetch` with trailing slashes, jQuery/Rails web forms with `ticket[subject]` keys,
// odd path ids, wildcard characters in searches and bodies of the wrong type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let agent: Client;
let admin: Client;
let token: string;
let agentId: number;

beforeAll(async () => {
  const s = await supportBeeApp();
  ({ t, agent, admin } = s);
  token = s.ws.agent.token;
  agentId = s.ws.agent.id;
});
afterAll(() => t?.close());

const raw = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: string, contentType?: string) =>
  t.app.inject({
    method,
    url: `/supportbee${url}`,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });

describe('boolean query parameters as clients write them', () => {
  let archived: number;
  let spam: number;
  beforeAll(async () => {
    archived = (await newTicket(agent, 'archived one')).id;
    spam = (await newTicket(agent, 'spam one')).id;
    await newTicket(agent, 'inbox one');
    expect((await agent('POST', `/tickets/${archived}/archive`)).status).toBe(204);
    expect((await agent('POST', `/tickets/${spam}/spam`)).status).toBe(204);
  });

  it('archived=True / TRUE / true all list only archived tickets (Python requests sends True)', async () => {
    for (const v of ['True', 'TRUE', 'true']) {
      const res = await agent('GET', `/tickets?archived=${v}`);
      expect(res.status, v).toBe(200);
      expect(res.body.tickets.map((x: { id: number }) => x.id)).toEqual([archived]);
    }
  });
  it('archived=Any and archived=False keep their meaning in any case', async () => {
    expect((await agent('GET', '/tickets?archived=Any')).body.tickets.map((x: { subject: string }) => x.subject)).toContain('archived one');
    expect((await agent('GET', '/tickets?archived=False')).body.tickets.map((x: { subject: string }) => x.subject)).not.toContain('archived one');
  });
  it('spam=True and spam=1 list the spam folder; spam= (empty) is as if absent', async () => {
    for (const v of ['True', '1']) expect((await agent('GET', `/tickets?spam=${v}`)).body.tickets.map((x: { id: number }) => x.id), v).toEqual([spam]);
    const empty = await agent('GET', '/tickets?spam=');
    expect(empty.status).toBe(200);
    expect(empty.body.tickets.map((x: { subject: string }) => x.subject)).toEqual(['inbox one']);
  });
  it('total_only=True answers {total}; total_only=False the page', async () => {
    expect((await agent('GET', '/tickets?total_only=True')).body).toEqual({ total: 1 });
    expect((await agent('GET', '/tickets?total_only=False')).body).toHaveProperty('tickets');
  });
  it('replies=False, trash=FALSE, with_users=True, with_invited=True, quote=False are accepted', async () => {
    expect((await agent('GET', '/tickets?replies=False&trash=FALSE')).status).toBe(200);
    expect((await agent('GET', '/teams?with_users=True')).status).toBe(200);
    expect((await admin('GET', '/users?with_invited=True')).status).toBe(200);
    const draft = await agent('GET', `/tickets/${archived}/draft?quote=False`);
    expect(draft.status).toBe(200);
  });
  it('a value that is no boolean is still a 400 naming the parameter', async () => {
    const res = await agent('GET', '/tickets?spam=yes');
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('spam');
  });
  it('search takes spam=True too', async () => {
    const res = await agent('GET', '/tickets/search?query=spam&spam=True');
    expect(res.status).toBe(200);
    expect(res.body.tickets.map((x: { id: number }) => x.id)).toEqual([spam]);
  });
});

describe('the web-form create (no token, form-encoded, Rails bracket keys)', () => {
  it('creates from ticket[subject], ticket[requester_email], ticket[content][text]', async () => {
    const form = new URLSearchParams({
      'ticket[subject]': 'From the contact form',
      'ticket[requester_name]': 'Wendy Web',
      'ticket[requester_email]': 'wendy@customer.test',
      'ticket[notify_requester]': 'false',
      'ticket[content][text]': 'Hello from our website',
    }).toString();
    const res = await t.app.inject({ method: 'POST', url: '/supportbee/tickets?company=acme', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.subject).toBe('From the contact form');
    expect(body.requester.name).toBe('Wendy Web');
    expect(body.content.text).toBe('Hello from our website');
  });
  it('a form without the subject is a 400 naming the field subject', async () => {
    const res = await raw('POST', '/tickets', 'ticket[content][text]=x&ticket[requester_email]=a%40b.test', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().errors)).toEqual(['subject']);
  });
  it('JSON notify_requester as the string "false" (a JS form serializer) is accepted', async () => {
    const res = await agent('POST', '/tickets', { ticket: { subject: 'json', requester_email: 'a@b.test', notify_requester: 'false', content: { text: 'x' } } });
    expect(res.status).toBe(201);
  });
});

describe('paths', () => {
  let id: number;
  beforeAll(async () => {
    id = (await newTicket(agent, 'path ticket')).id;
  });
  it('a trailing slash is the same resource', async () => {
    const list = await agent('GET', '/tickets/');
    expect(list.status).toBe(200);
    expect(list.body).toHaveProperty('tickets');
    expect((await agent('GET', `/tickets/${id}/`)).body.ticket.id).toBe(id);
    expect((await agent('GET', `/tickets/${id}/replies/`)).status).toBe(200);
    expect((await agent('GET', '/labels/')).status).toBe(200);
  });
  it('ids are decimal digits: 0x9, 1e1, +9, -9, 9.0 and " 9" are 400', async () => {
    for (const bad of ['0x9', '1e1', '%2B9', '-9', '9.0', '%209']) {
      const res = await agent('GET', `/tickets/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body).toHaveProperty('error');
    }
  });
  it('digits beyond any id are a 404, as an unknown id', async () => {
    for (const big of ['99999999999', '2147483648', '0']) {
      const res = await agent('GET', `/tickets/${big}`);
      expect(res.status, big).toBe(404);
      expect(res.body).toHaveProperty('error');
    }
    expect((await agent('GET', `/tickets/${id}/replies/99999999999`)).status).toBe(404);
  });
  it('leading zeros are still that id', async () => {
    expect((await agent('GET', `/tickets/000${id}`)).body.ticket.id).toBe(id);
  });
});

describe('search terms are literal', () => {
  beforeAll(async () => {
    await newTicket(agent, 'Discount 100% off');
    await newTicket(agent, 'snake_case name');
    await newTicket(agent, 'plain words here');
  });
  const subjects = async (q: string) => {
    const res = await agent('GET', `/tickets/search?query=${encodeURIComponent(q)}`);
    expect(res.status, q).toBe(200);
    return res.body.tickets.map((x: { subject: string }) => x.subject);
  };
  it('% matches only tickets with a percent sign', async () => {
    expect(await subjects('%')).toEqual(['Discount 100% off']);
  });
  it('_ matches only tickets with an underscore', async () => {
    expect(await subjects('_')).toEqual(['snake_case name']);
  });
  it('a backslash matches nothing here, and long terms keep wildcards literal too', async () => {
    expect(await subjects('\\')).toEqual([]);
    expect(await subjects('100%')).toEqual(['Discount 100% off']);
    expect(await subjects('e_c')).toEqual(['snake_case name']);
    expect(await subjects('%%%')).toEqual([]);
  });
});

describe('bodies of a type the API does not take', () => {
  it('text/plain is 415 in the {error} envelope', async () => {
    const tk = await newTicket(agent, 'for 415');
    const res = await raw('POST', `/tickets/${tk.id}/replies`, 'hello', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: expect.any(String) });
    const create = await raw('POST', '/tickets', 'subject=x', 'text/plain');
    expect(create.statusCode).toBe(415);
  });
});

describe("the seed's semantics", () => {
  it('a team assignment removes the user assignee, even a member of the new team', async () => {
    const team = (await t.admin('POST', '/teams', { name: 'Members' }, 'acme')).body.team.id;
    await t.admin('POST', `/teams/${team}/members`, { userId: agentId }, 'acme');
    const tk = await newTicket(agent, 'team over user');
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: agentId } })).status).toBe(201);
    expect((await agent('POST', `/tickets/${tk.id}/team_assignment`, { team_assignment: { team_id: team } })).status).toBe(201);
    const after = (await agent('GET', `/tickets/${tk.id}`)).body.ticket;
    expect(after.current_team_asignee.id).toBe(team);
    expect(after.current_user_asignee ?? null).toBeNull();
  });
  it('an unsaved draft has the saved shape: objects and strings, no null in their place', async () => {
    const tk = await newTicket(agent, 'draft shape');
    for (const q of ['', '?quote=False']) {
      const d = (await agent('GET', `/tickets/${tk.id}/draft${q}`)).body.draft;
      expect(d.last_saved_by, q).toMatchObject({ id: agentId, agent: true, picture: expect.any(Object) });
      expect(typeof d.last_saved_at).toBe('string');
      expect(typeof d.content.text).toBe('string');
      expect(typeof d.content.html).toBe('string');
    }
  });
  it('a text-only reply has html: null; an html reply keeps its html', async () => {
    const tk = await newTicket(agent, 'reply html');
    const text = (await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'plain words' } } })).body.reply;
    expect(text.content).toMatchObject({ text: 'plain words', html: null });
    const html = (await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'bold', html: '<b>bold</b>' } } })).body.reply;
    expect(html.content.html).toContain('<b>bold</b>');
  });
  const upload = (n: number) => {
    const body = multipart(Array.from({ length: n }, (_, i) => ({ name: 'files[]', filename: `f${i}.txt`, value: `file ${i}` })));
    return t.app.inject({ method: 'POST', url: `/supportbee/attachments?auth_token=${token}`, headers: body.headers, payload: body.payload });
  };
  it('several files answer in the seed attachment shape (and list them all)', async () => {
    const res = await upload(3);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ id: expect.any(Number), filename: 'f0.txt', content_type: expect.any(String), url: expect.any(Object) });
    expect(body.attachments.map((a: { filename: string }) => a.filename)).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
  });
  it('too many files is said as such, not as a too-large body', async () => {
    const res = await upload(t.config.attachments.maxFiles + 1);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/too many files/i);
  });
});

describe('assignees as the seed shows them', () => {
  // The seed's ticket objects always carry both keys, each a person: id, name, agent and
  // picture as a list (the team too, with agent false). It shows no unassigned ticket: there
  // the key stays and holds null, as for every absent object in the seed (reply html: null).
  const PERSON = ['agent', 'id', 'name', 'picture'];
  let teamId: number;
  beforeAll(async () => {
    teamId = (await t.admin('POST', '/teams', { name: 'Assignee shapes' }, 'acme')).body.team.id;
  });
  const everyView = async (id: number, subject: string) => {
    const show = (await agent('GET', `/tickets/${id}`)).body.ticket;
    const listed = (await agent('GET', '/tickets?per_page=99')).body.tickets.find((x: { id: number }) => x.id === id);
    const found = (await agent('GET', `/tickets/search?query=${encodeURIComponent(subject)}`)).body.tickets.find((x: { id: number }) => x.id === id);
    return [show, listed, found];
  };

  it('an unassigned ticket has both keys, null, in the create, show, list and search answers', async () => {
    const created = await newTicket(agent, 'nobody assigned yet');
    for (const tk of [created, ...(await everyView(created.id, 'nobody assigned yet'))]) {
      expect(Object.keys(tk)).toEqual(expect.arrayContaining(['current_user_asignee', 'current_team_asignee']));
      expect(tk.current_user_asignee).toBeNull();
      expect(tk.current_team_asignee).toBeNull();
    }
  });
  it('an assigned user is the seed person object; the team key stays null', async () => {
    const tk = await newTicket(agent, 'user only');
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: agentId } })).status).toBe(201);
    for (const v of await everyView(tk.id, 'user only')) {
      expect(Object.keys(v.current_user_asignee).sort()).toEqual(PERSON);
      expect(v.current_user_asignee).toMatchObject({ id: agentId, name: 'agent acme', agent: true });
      expect(Array.isArray(v.current_user_asignee.picture)).toBe(true);
      expect(v.current_user_asignee.picture[0]).toHaveProperty('thumb20');
      expect(v.current_team_asignee).toBeNull();
    }
  });
  it('an assigned team is the seed person object with agent false; the user key stays null', async () => {
    const tk = await newTicket(agent, 'team only');
    expect((await agent('POST', `/tickets/${tk.id}/team_assignment`, { team_assignment: { team_id: teamId } })).status).toBe(201);
    for (const v of await everyView(tk.id, 'team only')) {
      expect(Object.keys(v.current_team_asignee).sort()).toEqual(PERSON);
      expect(v.current_team_asignee).toMatchObject({ id: teamId, name: 'Assignee shapes', agent: false, picture: [expect.objectContaining({ thumb20: expect.any(String) })] });
      expect(v.current_user_asignee).toBeNull();
    }
  });
  it('clearing either assignment puts null back under the same key', async () => {
    const tk = await newTicket(agent, 'assigned then cleared');
    await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: agentId } });
    expect((await agent('DELETE', `/tickets/${tk.id}/user_assignment`)).status).toBeLessThan(300);
    await agent('POST', `/tickets/${tk.id}/team_assignment`, { team_assignment: { team_id: teamId } });
    expect((await agent('DELETE', `/tickets/${tk.id}/team_assignment`)).status).toBeLessThan(300);
    const after = (await agent('GET', `/tickets/${tk.id}`)).body.ticket;
    expect(after).toHaveProperty('current_user_asignee', null);
    expect(after).toHaveProperty('current_team_asignee', null);
  });
});

describe('validation errors: one key per field, as SupportBee names the field', () => {
  const create = (ticket: Record<string, unknown>) => agent('POST', '/tickets', { ticket: { subject: 'valid', requester_email: 'a@b.test', content: { text: 'x' }, ...ticket } });

  it('two bad entries of one list are one key listing both messages', async () => {
    const res = await create({ content: { text: 'x', attachment_ids: ['a', -1] } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['content.attachment_ids']);
    expect(res.body.errors['content.attachment_ids']).toHaveLength(2);
    expect(res.body.error).toMatch(/^content\.attachment_ids: /);
  });
  it('two bad addresses in cc are one key cc listing both', async () => {
    const res = await create({ cc: 'nope, nada@, ok@customer.test' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['cc']);
    expect(res.body.errors.cc).toEqual([expect.stringContaining('nope'), expect.stringContaining('nada@')]);
  });
  it('nested paths are named inside the resource object, once: no wrapper, no list positions', async () => {
    const ticket = await create({ subject: 5, content: { text: 7 } });
    expect(ticket.status).toBe(400);
    expect(Object.keys(ticket.body.errors).sort()).toEqual(['content.text', 'subject']);
    expect(ticket.body.error).toMatch(/^(subject|content\.text): /);
    const tk = await newTicket(agent, 'error keys');
    const reply = await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 5, html: 6 } } });
    expect(Object.keys(reply.body.errors).sort()).toEqual(['content.html', 'content.text']);
    const assign = await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: 'abc' } });
    expect(assign.status).toBe(400);
    expect(Object.keys(assign.body.errors)).toEqual(['user_id']);
    const snippet = await admin('POST', '/snippets', { snippet: { name: 5, content: { text: 'x' } } });
    expect(Object.keys(snippet.body.errors)).toEqual(['name']);
    for (const body of [ticket.body, reply.body, assign.body, snippet.body]) {
      for (const key of Object.keys(body.errors)) expect(key).not.toMatch(/^(ticket|reply|user_assignment|snippet)\.|\.\d+(\.|$)/);
    }
  });
  it('a field has the same key whichever check refuses it', async () => {
    // requester_email: the wrong type (schema) and missing for an anonymous caller (handler).
    expect(Object.keys((await create({ requester_email: 5 })).body.errors)).toEqual(['requester_email']);
    const anon = await t.app.inject({ method: 'POST', url: '/supportbee/tickets?company=acme', payload: { ticket: { subject: 's', content: { text: 'x' } } } });
    expect(Object.keys(anon.json().errors)).toEqual(['requester_email']);
    // cc: the wrong type (schema) and a bad address (handler).
    expect(Object.keys((await create({ cc: 5 })).body.errors)).toEqual(['cc']);
    expect(Object.keys((await create({ cc: 'nope' })).body.errors)).toEqual(['cc']);
  });
  it('a missing resource object is named as such', async () => {
    const res = await agent('POST', '/tickets', {});
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['ticket']);
  });
  it('query parameters keep their names, one key each', async () => {
    const res = await agent('GET', '/tickets?per_page=500&page=0&spam=yes');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['page', 'per_page', 'spam']);
    for (const messages of Object.values(res.body.errors)) expect(messages).toHaveLength(1);
  });
});
