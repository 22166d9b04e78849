// Bench data: a database of its own on the local PostgreSQL (or a PGlite directory),
// migrated by polydesk, one workspace filled with SQL, and real API tokens minted by the
// domain (stored as hashes like any other).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import type { DatabaseTarget } from '../src/db/adapter.js';
import { createApiToken } from '../src/auth/tokens.js';

export interface Seeded {
  workspaceId: number;
  agentToken: string;
  /** Lowest and highest ticket id of the workspace (ids are contiguous). */
  firstId: number;
  lastId: number;
  tickets: number;
}

export interface BenchDb {
  target: DatabaseTarget;
  /** PostgreSQL URL, or null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

export async function createBenchDb(adminUrl: string): Promise<BenchDb> {
  const name = `polydesk_bench_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { target: { kind: 'postgres', url: u.toString(), poolSize: 4 }, url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Seeds `tickets` tickets (with labels, two events each, 1,000 customers) in one workspace.
 * Ids, numbers and activity times are contiguous so scenarios can address any ticket.
 */
export async function seed(target: DatabaseTarget, tickets: number, log: (s: string) => void = () => {}, opts: { events?: boolean } = {}): Promise<Seeded> {
  const db: Database = await openDatabase(target); // migrates
  try {
    const p = db.prisma;
    const ws = await p.workspace.create({ data: { slug: 'bench', name: 'Bench' } });
    const agent = await p.user.create({ data: { workspaceId: ws.id, email: 'agent@bench.test', name: 'Agent', role: 'agent' } });
    await p.$executeRawUnsafe(
      `INSERT INTO "User" ("workspaceId", email, name, role, "updatedAt")
       SELECT $1, 'c' || g || '@bench.test', 'Customer ' || g, 'customer', now() FROM generate_series(1, 1000) g`,
      ws.id,
    );
    await p.label.createMany({ data: ['bug', 'billing', 'vip', 'ui', 'api'].map((name) => ({ workspaceId: ws.id, name })) });
    const batch = 100_000;
    for (let from = 1; from <= tickets; from += batch) {
      const to = Math.min(tickets, from + batch - 1);
      log(`  tickets ${from}..${to}`);
      await p.$executeRawUnsafe(
        `INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", status, priority, "requesterId", "lastActivityAt", "createdAt", "updatedAt", archived)
         SELECT gen_random_uuid(), $1, g, to_char(now() - (g || ' minutes')::interval, 'MM-DD') || '-B-' || lpad(g::text, 7, '0'),
                'Ticket ' || g, 'Description of ticket ' || g || E'\\nSecond line with <b>markup</b> & more.',
                (ARRAY['new','open','pending','closed']::"TicketStatus"[])[1 + g % 4],
                (ARRAY['low','normal','high','urgent']::"Priority"[])[1 + g % 4],
                (SELECT min(id) FROM "User" WHERE "workspaceId" = $1 AND role = 'customer') + g % 1000,
                now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now(), g % 10 = 0
         FROM generate_series($2::int, $3::int) g`,
        ws.id,
        from,
        to,
      );
      await p.$executeRawUnsafe(
        `INSERT INTO "TicketLabel" ("ticketId", "labelId")
         SELECT t.id, l.id FROM "Ticket" t JOIN "Label" l ON l."workspaceId" = t."workspaceId" AND (t.number % 5) = (l.id % 5)
         WHERE t."workspaceId" = $1 AND t.number BETWEEN $2 AND $3`,
        ws.id,
        from,
        to,
      );
      if (opts.events !== false) await p.$executeRawUnsafe(
        `INSERT INTO "TicketEvent" ("workspaceId", "ticketId", "actorId", "actorName", action, description, data, "createdAt")
         SELECT t."workspaceId", t.id, $4, 'Agent', e.action, e.description, e.data::jsonb, t."createdAt" + e.after
         FROM "Ticket" t,
              (VALUES ('created', 'Ticket created', '{}', interval '0'), ('status_changed', 'Status changed to open', '{"from":"new","to":"open"}', interval '1 second')) e(action, description, data, after)
         WHERE t."workspaceId" = $1 AND t.number BETWEEN $2 AND $3`,
        ws.id,
        from,
        to,
        agent.id,
      );
    }
    await p.workspace.update({ where: { id: ws.id }, data: { ticketSeq: tickets } });
    // Vacuumed as well as analyzed, as a database that has lived with its tickets would be:
    // otherwise autovacuum works through the new rows while the measurements run, and
    // index-only scans visit the heap until it has.
    log('  vacuum, analyze');
    await p.$executeRawUnsafe('VACUUM (ANALYZE)');
    const { secret } = await createApiToken(p, { workspaceId: ws.id, userId: agent.id, name: 'bench' });
    const range = await p.ticket.aggregate({ where: { workspaceId: ws.id }, _min: { id: true }, _max: { id: true } });
    return { workspaceId: ws.id, agentToken: secret, firstId: range._min.id!, lastId: range._max.id!, tickets };
  } finally {
    await db.close();
  }
}
