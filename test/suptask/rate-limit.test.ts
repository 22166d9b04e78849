// The Suptask get-ticket rate limit (configured to 3 here): per person (whatever token or JWT), counting down in
// X-RateLimit-Remaining, then 429 {message} with Retry-After and an ISO 8601 reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { client, createFormTicket, suptaskWorkspace, type SuptaskFixture } from './setup.js';
import { expectSeed, expectSeedTicket } from './seed.js';

let t: TestApp;
let acme: SuptaskFixture;
let api: ReturnType<typeof client>;
let number: number;

beforeAll(async () => {
  t = await startApp({ SUPTASK_RATE_LIMIT_MAX: '3', SUPTASK_RATE_LIMIT_WINDOW_MS: '60000' });
  acme = await suptaskWorkspace(t, 'acme');
  api = client(t);
  ({ number } = await createFormTicket(t, acme, 'rate me'));
});
afterAll(() => t.close());

describe('GET /ticket/{ticketNumber} rate limit', () => {
  it('counts down per person and answers 429 with Retry-After once exhausted', async () => {
    const auth = { token: acme.agent.token };
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api('GET', `/ticket/${number}`, auth);
      expect(res.statusCode).toBe(200);
      expectSeedTicket(res.json());
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await api('GET', `/ticket/${number}`, auth);
    expect(limited.statusCode).toBe(429);
    expectSeed('/ticket/{ticketNumber}', 'get', 429, limited.json());
    expect(limited.json()).toEqual({ message: expect.stringMatching(/rate limit/i) });
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
    const reset = String(limited.headers['x-ratelimit-reset']);
    expect(new Date(reset).toISOString()).toBe(reset);
    expect(Math.abs(Date.parse(reset) - (Date.now() + retryAfter * 1000))).toBeLessThan(2000);

    // Another person has their own budget; a JWT of the same user shares this one (per person, not per credential).
    expect((await api('GET', `/ticket/${number}`, { token: acme.admin.token })).statusCode).toBe(200);
    const jwt = (await t.admin('POST', '/jwt', { userId: acme.agent.id }, 'acme')).body.token;
    expect((await api('GET', `/ticket/${number}`, { jwt })).statusCode).toBe(429);
    // The limit applies to this operation only.
    const patch = await api('PATCH', `/ticket/${(await t.db.ticket.findFirstOrThrow()).uuid}`, auth, { status: 'Open' });
    expect(patch.statusCode).toBe(200);
  });
});
