// Suptask dialect over HTTP: every operation's success path and documented errors, both
// auth schemes, forms/channels/custom fields, Slack identities, cross-workspace answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { getTicket } from '../../src/domain/tickets/find.js';
import type { Ctx } from '../../src/domain/context.js';
import { client, suptaskWorkspace, UUID, type SuptaskFixture } from './setup.js';
import { expectSeed, expectSeedTicket, expectSuccess } from './seed.js';

let t: TestApp;
let acme: SuptaskFixture;
let globex: SuptaskFixture;
let api: ReturnType<typeof client>;
let agent: { token: string };
let admin: { token: string };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

beforeAll(async () => {
  t = await startApp();
  acme = await suptaskWorkspace(t, 'acme');
  globex = await suptaskWorkspace(t, 'globex');
  api = client(t);
  agent = { token: acme.agent.token };
  admin = { token: acme.admin.token };
});
afterAll(() => t.close());

const domainCtx = (f: SuptaskFixture, userId = f.admin.id): Ctx => ({ db: t.db, workspaceId: f.id, actor: { userId, name: 'admin', role: 'admin' } });

function body(f: SuptaskFixture, extra: Record<string, unknown> = {}) {
  return {
    description: 'VPN drops every hour\nSince Monday.',
    formId: f.formId,
    requesterChannel: f.channels[0],
    customFields: [{ fieldId: f.fields.browser, value: 'Chrome' }],
    ...extra,
  };
}

async function create(auth: { token: string } | { jwt: string }, extra: Record<string, unknown> = {}, f = acme) {
  const res = await api('POST', '/ticket', auth, body(f, extra));
  expect(res.statusCode, res.body).toBe(201);
  const uuid = res.json().ticketId as string;
  const row = await t.db.ticket.findUniqueOrThrow({ where: { uuid }, select: { id: true, number: true } });
  return { uuid, number: row.number, id: row.id };
}

async function read(number: number, auth: { token: string } | { jwt: string } = agent) {
  const res = await api('GET', `/ticket/${number}`, auth);
  expect(res.statusCode, res.body).toBe(200);
  const ticket = res.json();
  expectSeedTicket(ticket);
  return ticket;
}

async function jwtFor(f: SuptaskFixture, userId: number, expiresIn?: number) {
  const r = await t.admin('POST', '/jwt', { userId, ...(expiresIn ? { expiresIn } : {}) }, f.slug);
  expect(r.status).toBe(201);
  return r.body as { token: string; grantId: number };
}

const eventsOf = async (ticketId: number) => (await t.db.ticketEvent.findMany({ where: { ticketId }, orderBy: { id: 'asc' } })).map((e) => e.action);

describe('authentication', () => {
  it('answers 401 {message} without credentials, with a bad token, or an unknown scheme', async () => {
    for (const auth of [null, { token: 'pd_nope' }, { header: 'Basic abc' }, { header: 'Api-Token' }, { jwt: 'not-a-jwt' }]) {
      const res = await api('GET', '/ticket/1', auth);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ message: expect.any(String) });
      expectSeed('/ticket/{ticketNumber}', 'get', 401, res.json());
    }
    expect((await api('POST', '/ticket', null, body(acme))).statusCode).toBe(401);
    expect(await t.db.ticket.count()).toBe(0);
  });

  it('accepts Api-Token and Bearer JWTs (carrying user and team)', async () => {
    const { token } = await jwtFor(acme, acme.agent.id);
    const claims = t.app.jwt.decode<{ team: string; sub: string }>(token)!;
    expect(claims).toMatchObject({ team: 'acme', sub: String(acme.agent.id) });
    const viaJwt = await create({ jwt: token });
    const ticket = await read(viaJwt.number, { jwt: token });
    expect(ticket.requesterId).toBe(acme.agent.slackId);
    expect(ticket.teamId).toBe('acme');
    expect((await api('GET', `/ticket/${viaJwt.number}`, { header: `api-token ${acme.agent.token}` })).statusCode).toBe(200);
  });

  it('rejects expired, tampered and revoked JWTs, and a JWT re-aimed at another workspace', async () => {
    const good = await jwtFor(acme, acme.agent.id);
    const claims = t.app.jwt.decode<Record<string, unknown>>(good.token)!;
    const expired = t.app.jwt.sign({ ...claims, iat: Math.floor(Date.now() / 1000) - 100, exp: Math.floor(Date.now() / 1000) - 10 });
    const tampered = good.token.slice(0, -3) + (good.token.endsWith('AAA') ? 'BBB' : 'AAA');
    const otherGrant = await jwtFor(globex, globex.agent.id);
    const gClaims = t.app.jwt.decode<Record<string, unknown>>(otherGrant.token)!;
    const reaimed = t.app.jwt.sign({ ...gClaims, ws: acme.id, team: 'acme', exp: undefined });
    for (const jwt of [expired, tampered, reaimed]) {
      const res = await api('GET', '/ticket/1', { jwt });
      expect(res.statusCode, jwt).toBe(401);
      expect(res.json().message).toEqual(expect.any(String));
    }
    expect((await api('GET', '/ticket/1', { jwt: good.token })).statusCode).not.toBe(401);
    const revoke = await t.admin('DELETE', `/tokens/${good.grantId}`, undefined, 'acme');
    expect(revoke.status).toBe(204);
    expect((await api('GET', '/ticket/1', { jwt: good.token })).statusCode).toBe(401);
  });

  it('answers unknown routes under the prefix with a JSON 404', async () => {
    const res = await api('GET', '/tickets', agent);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ message: expect.stringContaining('not found') });
  });
});

describe('POST /ticket', () => {
  it('creates a ticket (201 {ticketId}) with Slack requester, assignee, tags and custom fields', async () => {
    const res = await api(
      'POST',
      '/ticket',
      agent,
      body(acme, {
        requester: 'UNEWCUST1',
        assignee: acme.agent.slackId,
        priority: 'high',
        status: 'in progress',
        tags: ['vpn', 'network'],
        requesterChannel: acme.channels[1],
        customFields: [
          { fieldId: acme.fields.browser, value: 'Firefox' },
          { fieldId: acme.fields.platforms, value: ['Mac', 'Linux'] },
          { fieldId: acme.fields.notes, value: 'office wifi' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expectSeed('/ticket', 'post', 201, res.json());
    expect(Object.keys(res.json())).toEqual(['ticketId']);
    expect(res.json().ticketId).toMatch(UUID);

    const row = await t.db.ticket.findUniqueOrThrow({ where: { uuid: res.json().ticketId } });
    const ticket = await read(row.number);
    expect(ticket).toMatchObject({
      id: res.json().ticketId,
      ticketNumber: row.number,
      teamId: 'acme',
      queueId: String(acme.queueId),
      formId: acme.formId,
      status: 'In Progress',
      priority: 'High',
      description: 'VPN drops every hour\nSince Monday.',
      assignee: acme.agent.slackId,
      requesterId: 'UNEWCUST1',
      requester: 'UNEWCUST1',
      tags: ['vpn', 'network'],
      closedDate: null,
      source: 'api',
      archived: false,
      messageRequesterChannel: acme.channels[1],
      csatRating: null,
      externalTicketRefs: [],
    });
    expect(ticket.customFields).toEqual(
      expect.arrayContaining([
        { fieldName: 'Browser', value: 'Firefox' },
        { fieldName: 'Platforms', value: ['Mac', 'Linux'] },
        { fieldName: 'Notes', value: 'office wifi' },
      ]),
    );
    expect(ticket.createdAt).toMatch(ISO);
    expect(ticket.updatedAt).toMatch(ISO);
    // The unknown Slack member became a customer of the workspace.
    const customer = await t.db.user.findFirstOrThrow({ where: { workspaceId: acme.id, slackId: 'UNEWCUST1' } });
    expect(customer.role).toBe('customer');
    expect(await eventsOf(row.id)).toEqual(['created', 'assigned']);
  });

  it('makes the caller the requester when none is given; users without a Slack id get a stable id', async () => {
    const mine = await create(admin);
    expect((await read(mine.number)).requesterId).toMatch(/^UA/);
    const u = await t.admin('POST', '/users', { email: 'noslack@acme.test', name: 'No Slack', role: 'agent' }, 'acme');
    const tok = await t.admin('POST', '/tokens', { userId: u.body.user.id }, 'acme');
    const theirs = await create({ token: tok.body.token });
    const ticket = await read(theirs.number);
    expect(ticket.requesterId).toBe(`user:${u.body.user.id}`);
    expect(ticket.requester).toBe('No Slack');
    // The stand-in names the same user when sent back.
    const again = await create(agent, { requester: `user:${u.body.user.id}`, assignee: `user:${u.body.user.id}` });
    const t2 = await read(again.number);
    expect(t2.requesterId).toBe(`user:${u.body.user.id}`);
    expect(t2.assignee).toBe(`user:${u.body.user.id}`);
  });

  it('an existing Slack member (an agent) is reused as requester', async () => {
    const before = await t.db.user.count({ where: { workspaceId: acme.id } });
    const c = await create(admin, { requester: acme.agent.slackId });
    expect((await read(c.number)).requesterId).toBe(acme.agent.slackId);
    expect(await t.db.user.count({ where: { workspaceId: acme.id } })).toBe(before);
  });

  it.each([
    ['no description', { description: undefined }, /^description is required$/],
    ['a blank description', { description: '   ' }, /description/],
    ['no formId', { formId: undefined }, /^formId is required$/],
    ['no requesterChannel', { requesterChannel: undefined }, /^requesterChannel is required$/],
    ['a form of another workspace', { formId: 'GLOBEX' }, /form/],
    ['a channel that is not the form\'s', { requesterChannel: 'C0NOTMINE' }, /channel C0NOTMINE/],
    ['an unknown custom field', { customFields: [{ fieldId: '00000000-0000-4000-8000-000000000000', value: 'x' }] }, /00000000-0000-4000-8000-000000000000/],
    ['a missing required custom field', { customFields: [{ fieldId: 'NOTES', value: 'x' }] }, /Browser/],
    ['a bad select option', { customFields: [{ fieldId: 'BROWSER', value: 'Lynx' }] }, /Browser.*Lynx/],
    ['an unknown assignee', { assignee: 'UNOBODY' }, /assignee/],
    ['a customer as assignee', { assignee: 'UNEWCUST1' }, /assignee must be an agent or admin/],
    ['an unknown status', { status: 'Bogus' }, /status "Bogus"/],
    ['an unknown priority', { priority: 'Critical' }, /priority "Critical"/],
    ['tags that are not strings', { tags: [1] }, /tags/],
  ])('answers 400 {message} for %s', async (_name, extra, message) => {
    const before = await t.db.ticket.count();
    const patch = { ...extra } as Record<string, unknown>;
    if (patch.formId === 'GLOBEX') patch.formId = globex.formId;
    if (Array.isArray(patch.customFields)) {
      patch.customFields = (patch.customFields as { fieldId: string; value: string }[]).map((f) => ({
        ...f,
        fieldId: f.fieldId === 'NOTES' ? acme.fields.notes : f.fieldId === 'BROWSER' ? acme.fields.browser : f.fieldId,
      }));
    }
    const payload = Object.fromEntries(Object.entries(body(acme, patch)).filter(([, v]) => v !== undefined));
    const res = await api('POST', '/ticket', agent, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(res.json())).toEqual(['message']);
    expect(res.json().message).toMatch(message);
    expect(await t.db.ticket.count()).toBe(before);
  });

  it('answers 400 without a body', async () => {
    for (const method of ['POST', 'PATCH'] as const) {
      const res = await api(method, method === 'POST' ? '/ticket' : '/ticket/00000000-0000-4000-8000-000000000000', agent);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ message: 'Request body is required' });
    }
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/suptask/ticket', headers: { authorization: `Api-Token ${agent.token}`, 'content-type': 'application/json' }, payload: '{"description":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });
});

describe('GET /ticket/{ticketNumber}', () => {
  it('answers 400 for a non-numeric number and 404 for a missing ticket', async () => {
    const bad = await api('GET', '/ticket/abc', agent);
    expect(bad.statusCode).toBe(400);
    expectSeed('/ticket/{ticketNumber}', 'get', 400, bad.json());
    expect(bad.json()).toEqual({ message: 'Invalid ticket number (must be numeric)' });
    expect(bad.headers['x-ratelimit-limit']).toBe('100');
    const missing = await api('GET', '/ticket/99999', agent);
    expect(missing.statusCode).toBe(404);
    expectSeed('/ticket/{ticketNumber}', 'get', 404, missing.json());
    expect(missing.json()).toEqual({ message: expect.any(String) });
  });

  it('answers a ticket number only another workspace has exactly like a missing one (404, no oracle)', async () => {
    const mine = await create(agent);
    // Give globex a ticket number acme does not have yet.
    let foreign = 0;
    while (foreign <= mine.number) foreign = (await createTicket(domainCtx(globex), { descriptionText: 'globex ticket' })).number;
    const res = await api('GET', `/ticket/${foreign}`, agent);
    expect(res.statusCode).toBe(404);
    const missing = await api('GET', '/ticket/2000000000', agent);
    expect(missing.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    // A JWT for globex sees globex's ticket.
    const gjwt = (await jwtFor(globex, globex.agent.id)).token;
    expect((await read(foreign, { jwt: gjwt })).teamId).toBe('globex');
  });

  it('sends the rate-limit headers, counting down, on every answer', async () => {
    const c = await create(agent);
    const res1 = await api('GET', `/ticket/${c.number}`, admin);
    const res2 = await api('GET', `/ticket/abc`, admin);
    const res3 = await api('GET', `/ticket/99999`, admin);
    for (const r of [res1, res2, res3]) {
      expect(r.headers['x-ratelimit-limit']).toBe('100');
      expect(new Date(String(r.headers['x-ratelimit-reset'])).toISOString()).toBe(r.headers['x-ratelimit-reset']);
      expect(Date.parse(String(r.headers['x-ratelimit-reset']))).toBeGreaterThan(Date.now() + 14 * 60_000);
    }
    const remaining = [res1, res2, res3].map((r) => Number(r.headers['x-ratelimit-remaining']));
    expect(remaining[1]).toBe(remaining[0] - 1);
    expect(remaining[2]).toBe(remaining[0] - 2);
    // Other operations are not limited.
    expect((await api('POST', '/ticket', admin, body(acme))).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('reads a ticket created through the core domain (no form, e-mail requester)', async () => {
    const view = await createTicket(domainCtx(acme), {
      subject: 'From elsewhere',
      descriptionText: 'Created by another dialect',
      requester: { email: 'walkin@example.com', name: 'Walk In' },
      priority: 'urgent',
      status: 'pending',
    });
    const ticket = await read(view.number);
    expect(ticket).toMatchObject({
      id: view.uuid,
      formId: null,
      queueId: null,
      status: 'Pending',
      priority: 'Urgent',
      requester: 'Walk In',
      requesterId: `user:${view.requesterId}`,
      assignee: null,
      customFields: [],
      tags: [],
      messageRequesterChannel: null,
    });
  });
});

describe('PATCH /ticket/{ticketId}', () => {
  it('answers 400 without an updatable property', async () => {
    const c = await create(agent);
    for (const payload of [{}, { requesterChannel: acme.channels[1] }, { unknown: 1 }]) {
      const res = await api('PATCH', `/ticket/${c.uuid}`, agent, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toMatch(/^At least one of description, priority, status/);
    }
  });

  it('updates status, priority, description, tags, assignee, requester, channel and fields, logging each change', async () => {
    const c = await create(agent, { tags: ['a', 'b'], assignee: acme.agent.slackId });
    const res = await api('PATCH', `/ticket/${c.uuid}`, agent, {
      status: 'CLOSED',
      priority: 'urgent',
      description: 'Updated text',
      tags: ['b', 'c'],
      requester: 'UPATCHED1',
      requesterChannel: acme.channels[1],
      customFields: [{ fieldId: acme.fields.platforms, value: ['Windows'] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expectSuccess(res.json());
    expect(res.json()).toEqual({ success: true, message: expect.any(String) });
    const ticket = await read(c.number);
    expect(ticket).toMatchObject({
      status: 'Closed',
      priority: 'Urgent',
      description: 'Updated text',
      tags: ['b', 'c'],
      requesterId: 'UPATCHED1',
      messageRequesterChannel: acme.channels[1],
      assignee: acme.agent.slackId,
    });
    expect(ticket.closedDate).toMatch(ISO);
    expect(ticket.customFields).toEqual(expect.arrayContaining([{ fieldName: 'Platforms', value: ['Windows'] }, { fieldName: 'Browser', value: 'Chrome' }]));
    expect(await eventsOf(c.id)).toEqual(expect.arrayContaining(['closed', 'priority_changed', 'requester_changed', 'labeled', 'fields_changed', 'updated']));

    const unassign = await api('PATCH', `/ticket/${c.uuid}`, agent, { assignee: null, priority: null, status: 'open', tags: null });
    expect(unassign.statusCode, unassign.body).toBe(200);
    const after = await read(c.number);
    expect(after).toMatchObject({ assignee: null, priority: null, status: 'Open', closedDate: null, tags: [] });
    expect(await eventsOf(c.id)).toEqual(expect.arrayContaining(['unassigned', 'reopened', 'unlabeled']));
  });

  it.each([
    ['an unknown status', { status: 'Done-ish' }, /status/],
    ['an unknown priority', { priority: 'P0' }, /priority/],
    ['an unknown assignee', { assignee: 'UNOBODY' }, /assignee/],
    ['a field not on the form', { customFields: [{ fieldId: 'nope', value: 'x' }] }, /custom field nope/],
    ['a bad option', { customFields: [{ fieldId: 'BROWSER', value: 'Lynx' }] }, /Lynx/],
    ['a channel not on the form', { status: 'Open', requesterChannel: 'C0ELSE' }, /channel C0ELSE/],
  ])('answers 400 for %s and changes nothing', async (_n, payload, message) => {
    const c = await create(agent);
    const p = { ...payload } as Record<string, unknown>;
    if (Array.isArray(p.customFields)) p.customFields = [{ fieldId: (p.customFields as { fieldId: string }[])[0].fieldId === 'BROWSER' ? acme.fields.browser : 'nope', value: (p.customFields as { value: string }[])[0].value }];
    const res = await api('PATCH', `/ticket/${c.uuid}`, agent, p);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(message);
    expect(await eventsOf(c.id)).toEqual(['created']);
  });

  it('answers 404 for unknown, malformed and other workspaces\' ticket ids', async () => {
    const theirs = await createTicket(domainCtx(globex), { descriptionText: 'private' });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '42', theirs.uuid]) {
      const res = await api('PATCH', `/ticket/${id}`, agent, { status: 'Closed' });
      expect(res.statusCode, id).toBe(404);
      expect(res.json()).toEqual({ message: expect.any(String) });
    }
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('new');
  });
});

describe('DELETE /ticket/{ticketId}', () => {
  it('deletes (200, admins only) and then answers 404', async () => {
    const c = await create(agent);
    expect((await api('DELETE', `/ticket/${c.uuid}`, agent)).statusCode).toBe(403);
    const res = await api('DELETE', `/ticket/${c.uuid}`, admin);
    expect(res.statusCode).toBe(200);
    expectSuccess(res.json());
    expect((await api('GET', `/ticket/${c.number}`, agent)).statusCode).toBe(404);
    expect((await api('DELETE', `/ticket/${c.uuid}`, admin)).statusCode).toBe(404);
  });

  it('answers 404 for another workspace\'s ticket and leaves it alone', async () => {
    const theirs = await createTicket(domainCtx(globex), { descriptionText: 'keep me' });
    const res = await api('DELETE', `/ticket/${theirs.uuid}`, admin);
    expect(res.statusCode).toBe(404);
    expect(await t.db.ticket.count({ where: { id: theirs.id } })).toBe(1);
  });
});

describe('POST /ticket/external/{ticketId}', () => {
  it('associates external tickets; the same externalId and integrationType updates the reference', async () => {
    const c = await create(agent);
    const first = await api('POST', `/ticket/external/${c.uuid}`, agent, { externalId: 'OPS-1', integrationType: 'Jira', url: 'https://jira.example.com/browse/OPS-1', data: { project: 'OPS' } });
    expect(first.statusCode, first.body).toBe(201);
    expectSeed('/ticket/external/{ticketId}', 'post', 201, first.json());
    expect(first.json().success).toBe(true);
    expect((await read(c.number)).externalTicketRefs).toEqual(['https://jira.example.com/browse/OPS-1']);

    const again = await api('POST', `/ticket/external/${c.uuid}`, agent, { externalId: 'OPS-1', integrationType: 'Jira', url: 'https://jira.example.com/browse/OPS-1?moved=1' });
    expect(again.statusCode).toBe(201);
    const zd = await api('POST', `/ticket/external/${c.uuid}`, agent, { externalId: 'OPS-1', integrationType: 'Zendesk', url: 'https://zd.example.com/tickets/1' });
    expect(zd.statusCode).toBe(201);
    expect((await read(c.number)).externalTicketRefs).toEqual(['https://jira.example.com/browse/OPS-1?moved=1', 'https://zd.example.com/tickets/1']);
    const refs = await t.db.externalRef.findMany({ where: { ticketId: c.id }, orderBy: { id: 'asc' } });
    expect(refs.map((r) => r.data)).toEqual([{ project: 'OPS' }, {}]);
    expect((await eventsOf(c.id)).filter((a) => a === 'external_ref')).toHaveLength(3);
  });

  it.each([
    ['no url', { externalId: 'X', integrationType: 'Jira' }],
    ['a url that is not a URI', { externalId: 'X', integrationType: 'Jira', url: 'not a url' }],
    ['no externalId', { integrationType: 'Jira', url: 'https://x.test' }],
    ['no integrationType', { externalId: 'X', url: 'https://x.test' }],
    ['data that is not an object', { externalId: 'X', integrationType: 'Jira', url: 'https://x.test', data: 'x' }],
  ])('answers 400 for %s', async (_n, payload) => {
    const c = await create(agent);
    const res = await api('POST', `/ticket/external/${c.uuid}`, agent, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });

  it('answers 404 for an unknown or foreign ticket', async () => {
    const theirs = await createTicket(domainCtx(globex), { descriptionText: 'private' });
    for (const id of ['00000000-0000-4000-8000-000000000000', theirs.uuid]) {
      const res = await api('POST', `/ticket/external/${id}`, agent, { externalId: 'X', integrationType: 'Jira', url: 'https://x.test' });
      expect(res.statusCode).toBe(404);
    }
    expect(await t.db.externalRef.count({ where: { ticketId: theirs.id } })).toBe(0);
  });
});

describe('POST /ticket/reply/{ticketId}', () => {
  it('posts a public reply (Requester), an internal note (Responder), or both', async () => {
    const c = await create(agent, { requester: 'UREPLYCUST' });
    const post = async (payload: object) => {
      const res = await api('POST', `/ticket/reply/${c.uuid}`, agent, payload);
      expect(res.statusCode, res.body).toBe(200);
      expectSeed('/ticket/reply/{ticketId}', 'post', 200, res.json());
      expect(res.json().success).toBe(true);
    };
    await post({ text: 'Public answer', username: 'Support Bot', channel: ['Requester'] });
    await post({ text: 'Internal only', channel: ['Responder'] });
    await post({ text: 'Both', username: 'Both Bot', channel: ['Requester', 'Responder'] });
    await post({ text: 'Default channel' });
    const messages = await t.db.message.findMany({ where: { ticketId: c.id }, orderBy: { id: 'asc' } });
    expect(messages.map((m) => [m.kind, m.bodyText, m.authorName])).toEqual([
      ['reply', 'Public answer', 'Support Bot'],
      ['note', 'Internal only', null],
      ['reply', 'Both', 'Both Bot'],
      ['note', 'Both', 'Both Bot'],
      ['reply', 'Default channel', null],
    ]);
    const row = await t.db.ticket.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.replyCount, row.noteCount, row.unanswered]).toEqual([3, 2, false]);
    expect(row.firstResponseAt).not.toBeNull();
    const events = await t.db.ticketEvent.findMany({ where: { ticketId: c.id, action: { in: ['replied', 'noted'] } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.actorName)).toEqual(['Support Bot', 'agent acme', 'Both Bot', 'Both Bot', 'agent acme']);
  });

  it.each([
    ['no text', { channel: ['Requester'] }],
    ['empty text', { text: '' }],
    ['an unknown channel', { text: 'x', channel: ['Slack'] }],
    ['an empty channel list', { text: 'x', channel: [] }],
  ])('answers 400 for %s', async (_n, payload) => {
    const c = await create(agent);
    const res = await api('POST', `/ticket/reply/${c.uuid}`, agent, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: expect.any(String) });
    expect(await t.db.message.count({ where: { ticketId: c.id } })).toBe(0);
  });

  it('answers 404 for an unknown or foreign ticket', async () => {
    const theirs = await createTicket(domainCtx(globex), { descriptionText: 'private' });
    for (const id of ['00000000-0000-4000-8000-000000000000', theirs.uuid]) {
      expect((await api('POST', `/ticket/reply/${id}`, agent, { text: 'hi' })).statusCode).toBe(404);
    }
  });
});

describe('consistency with the core domain', () => {
  it('a ticket created here reads the same through the domain', async () => {
    const c = await create(agent, { requester: 'UDOMAIN1', assignee: acme.agent.slackId, priority: 'Medium', status: 'On Hold', tags: ['x'] });
    const view = await getTicket(domainCtx(acme), { uuid: c.uuid });
    expect(view).toMatchObject({
      number: c.number,
      status: 'on_hold',
      priority: 'medium',
      source: 'api',
      formId: acme.formId,
      queueId: acme.queueId,
      requesterChannel: acme.channels[0],
      assigneeId: acme.agent.id,
      creatorId: acme.agent.id,
    });
    expect(view.requester?.slackId).toBe('UDOMAIN1');
    expect(view.labels.map((l) => l.label.name)).toEqual(['x']);
    expect(view.fieldValues.map((f) => [f.field.name, f.value])).toEqual([['Browser', 'Chrome']]);
    expect(view.subject).toBe('VPN drops every hour');
    // And globex cannot see it through the domain either.
    await expect(getTicket(domainCtx(globex), { uuid: c.uuid })).rejects.toThrow(/not found/);
  });
});
