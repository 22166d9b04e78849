import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { expectError, taskip } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;

beforeAll(async () => {
  t = await startApp({ TASKIP_RATE_LIMIT_MAX: '3', TASKIP_RATE_LIMIT_WINDOW_MS: '60000' });
  ws = await t.workspace('acme');
});
afterAll(() => t.close());

describe('rate limit (config.limits.taskip, per key)', () => {
  it('answers 429 in the error object once a key exceeds the limit; other keys are unaffected', async () => {
    const admin = taskip(t, ws.admin.token);
    for (let i = 0; i < 3; i++) {
      const res = await admin(i === 1 ? 'POST' : 'GET', '/support-ticket', i === 1 ? { subject: 'x', priority: 1 } : undefined);
      expect(res.status).toBeLessThan(300);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
    }
    const limited = await admin('GET', '/ticket/analytics');
    expectError(limited, 429);
    expect(limited.body.error).toBe('Too Many Requests');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await taskip(t, ws.agent.token)('GET', '/support-ticket')).status).toBe(200);
  });
});
