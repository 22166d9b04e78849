// Creates that cannot get a database connection in time are refused as "busy, retry" (503
// with Retry-After, in the dialect's envelope), never 500, on either transaction path:
// SQL on the driver (a plain create) and Prisma's (a workspace with filters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { onPostgres } from '../helpers/database.js';
import { client } from '../supportbee/client.js';

describe.skipIf(!onPostgres())('pool exhaustion (PostgreSQL; skipped without TEST_DATABASE_URL)', () => {
  let t: TestApp;
  let plain: WorkspaceFixture;
  let filtered: WorkspaceFixture;
  beforeAll(async () => {
    t = await startApp({ SUPPORTBEE_CREATE_PER_MINUTE: '100000' });
    plain = await t.workspace('pool-plain');
    filtered = await t.workspace('pool-filtered');
    const admin = client(t, filtered.admin.token);
    const rule = await admin('POST', '/rules', { rule: { subject_contains: 'never-matches' } });
    const consequence = await admin('POST', '/consequences', { consequence: { archive: true } });
    expect((await admin('POST', '/filters', { rule_id: rule.body.rule.id, consequence_id: consequence.body.consequence.id })).status).toBe(201);
  });
  afterAll(() => t.close());

  for (const which of ['plain', 'filtered'] as const) {
    it(`${which} creates: the pool's connections held by creates waiting on a lock; the rest get 503 + Retry-After, then all is well`, async () => {
      const ws = which === 'plain' ? plain : filtered;
      // Hold the workspace's ticket-number row: every create waits on it, holding its connection.
      const holder = new pg.Client({ connectionString: (t.target as { url: string }).url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "Workspace" WHERE id = $1 FOR UPDATE`, [ws.id]);
      const create = (i: number) =>
        t.app.inject({ method: 'POST', url: '/supportbee/tickets', headers: { authorization: `Bearer ${ws.agent.token}` }, payload: { ticket: { subject: `pool ${i}`, content: { text: 'x' } } } });
      const pending = Array.from({ length: 12 }, (_, i) => create(i));
      await new Promise((r) => setTimeout(r, 7000)); // past the pool's and Prisma's waits
      await holder.query('ROLLBACK');
      await holder.end();
      const replies = await Promise.all(pending);
      const statuses = replies.map((r) => r.statusCode);
      expect(statuses.filter((s) => s !== 201 && s !== 503), JSON.stringify(statuses)).toEqual([]);
      expect(statuses).toContain(503);
      const busy = replies.find((r) => r.statusCode === 503)!;
      expect(busy.headers['retry-after']).toBeDefined();
      expect(busy.json()).toMatchObject({ error: expect.any(String) });
      expect((await create(99)).statusCode).toBe(201);
    }, 30_000);
  }
});
