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
