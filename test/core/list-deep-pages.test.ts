// Deep pages of a view the counters total are read from the nearer end of the index
// (domain/tickets/list.ts). Whichever end a page is read from, it must hold the same tickets
// in the same order as a plain OFFSET over the whole list, ties of the sort broken by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';

let t: TestApp;
let ws: WorkspaceFixture;
const TICKETS = 2600;

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('deep');
  // Three tickets per creation second and activity second, so the id decides their order.
  await t.db.$executeRawUnsafe(
    `INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", "createdAt", "updatedAt", "lastActivityAt")
     SELECT gen_random_uuid(), $1, n, 'R-' || n, 'Ticket ' || n, 'text',
            timestamp '2026-01-01' + (n / 3) * interval '1 second', timestamp '2026-01-01', timestamp '2026-02-01' - ((n * 7) % 900 / 3) * interval '1 second'
     FROM generate_series(1, ${TICKETS}) AS n`,
    ws.id,
  );
  await t.db.$executeRawUnsafe(`UPDATE "Workspace" SET "ticketSeq" = ${TICKETS} WHERE id = $1`, ws.id);
});
afterAll(() => t.close());

/** The ids of one page as a plain OFFSET over the whole workspace orders them. */
const expected = async (orderBy: string, offset: number, limit: number) =>
  (await t.db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Ticket" WHERE "workspaceId" = $1 ORDER BY ${orderBy} OFFSET ${offset} LIMIT ${limit}`, ws.id)).map((r) => r.id);

describe('deep list pages', () => {
  it('Sympoq (oldest first): every page from either end matches the plain offset, and X-Truncated stops at the last', async () => {
    const list = (page: number) =>
      t.app.inject({ url: `/sympoq/app/desk/api/tickets/any/any/any/any/any/any/any/*?per_page=100&page=${page}`, headers: { apikey: ws.agent.token } });
    const byRef = new Map((await t.db.ticket.findMany({ where: { workspaceId: ws.id }, select: { id: true, ref: true } })).map((r) => [r.ref, r.id]));
    for (const page of [1, 20, 21, 25, 26, 27]) {
      const res = await list(page);
      expect(res.statusCode, res.body).toBe(200);
      const ids = (res.json() as { id: string }[]).map((x) => byRef.get(x.id));
      expect(ids, `page ${page}`).toEqual(await expected('"createdAt" ASC, id ASC', (page - 1) * 100, 100));
      expect(res.headers['x-truncated'], `page ${page}`).toBe(page < 26 ? 'true' : undefined);
    }
  });

  it('SupportBee (latest activity first): deep pages match the plain offset, totals from the counters', async () => {
    const list = (page: number) => t.app.inject({ url: `/supportbee/tickets?per_page=50&page=${page}`, headers: { authorization: `Bearer ${ws.agent.token}` } });
    for (const page of [1, 41, 52]) {
      const res = await list(page);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { total: number; tickets: { id: number }[] };
      expect(body.tickets.map((x) => x.id), `page ${page}`).toEqual(await expected('"lastActivityAt" DESC, id DESC', (page - 1) * 50, 50));
      expect(body.total).toBe(TICKETS);
    }
  });
});
