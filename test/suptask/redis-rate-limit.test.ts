// Two app instances sharing Redis share the Suptask rate limit. Runs when TEST_REDIS_URL is
// set (CI). Keys include the workspace slug, so a random slug keeps parallel runs apart.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { suptaskWorkspace, type SuptaskFixture } from './setup.js';

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('Suptask rate limit across instances (Redis)', () => {
  let t: TestApp;
  let second: FastifyInstance;
  let ws: SuptaskFixture;

  beforeAll(async () => {
    // A 1 s command timeout (default 50 ms): on a loaded CI machine event-loop lag alone would
    // time commands out and switch an instance to its per-instance fallback counters.
    t = await startApp({ REDIS_URL: redisUrl!, SUPTASK_RATE_LIMIT_MAX: '3', REDIS_COMMAND_TIMEOUT_MS: '1000' });
    second = await buildApp(t.config, t.db, { logger: false });
    ws = await suptaskWorkspace(t, `rl-${randomBytes(5).toString('hex')}`);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('counts requests to either instance against one budget', async () => {
    const headers = { authorization: `Api-Token ${ws.agent.token}` };
    const get = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/suptask/ticket/1', headers });
    const answers = [await get(t.app), await get(second), await get(t.app), await get(second)];
    expect(answers.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    // No ticket 1 exists: 404 until the shared budget runs out, then 429 on the other instance.
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 429]);
    expect(answers[3].headers['retry-after']).toMatch(/^\d+$/);
    expect(answers[3].json()).toEqual({ message: expect.any(String) });
  });
});
