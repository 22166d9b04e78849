// @fastify/under-pressure: over a memory limit every dialect sheds load with 503 and
// Retry-After in its own envelope; liveness stays 200.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { dialectProbes, expectUnavailableEverywhere } from './probes.js';

describe('load shedding', () => {
  let t: TestApp;
  let ws: WorkspaceFixture;
  let pressed: FastifyInstance;
  beforeAll(async () => {
    t = await startApp();
    ws = await t.workspace('shed');
    // Same database, a 1-byte heap limit: under pressure from its first sample (after 1 s) on.
    pressed = await buildApp({ ...t.config, pressure: { ...t.config.pressure, maxHeapBytes: 1, retryAfterSeconds: 7 } }, t.db, { logger: false });
  });
  afterAll(async () => {
    await pressed?.close();
    await t?.close();
  });

  it('answers 503 with Retry-After in each dialect envelope, while /healthz stays 200', async () => {
    const [probe] = dialectProbes(ws.agent.token);
    expect((await t.app.inject({ url: probe!.url, headers: probe!.headers })).statusCode).toBe(404); // the unpressed instance answers
    await new Promise((r) => setTimeout(r, 1500));
    await expectUnavailableEverywhere(pressed, ws.agent.token, '7');
    expect((await pressed.inject('/healthz')).statusCode).toBe(200);
    const ready = await pressed.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('7');
  });
});
