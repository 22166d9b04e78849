// A benchmark server, run as a child process by bench/run.ts:
//   domain  - Fastify routes calling the polydesk domain services (Prisma)
//   ceiling - bare Fastify + pg replaying the same SQL (create: a minimal transaction)
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { getTicket } from '../src/domain/tickets/find.js';
import { listTickets } from '../src/domain/tickets/list.js';
import { createTicket } from '../src/domain/tickets/create.js';
import type { Ctx } from '../src/domain/context.js';

const [mode, url, port, workspaceId, actorId] = process.argv.slice(2);
const ws = Number(workspaceId);
const app = Fastify({ logger: false });

if (mode === 'domain') {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 10 }, { migrate: false });
  const ctx: Ctx = { db: db.prisma, workspaceId: ws, actor: { userId: Number(actorId), name: 'Bench', role: 'agent' } };
  app.get<{ Params: { id: string } }>('/tickets/:id', async (req) => {
    const t = await getTicket(ctx, { id: Number(req.params.id) });
    return { id: t.id, subject: t.subject, status: t.status, requester: t.requester?.email, labels: t.labels.map((l) => l.label.name) };
  });
  app.get<{ Querystring: { page?: string } }>('/tickets', async (req) => {
    const page = await listTickets(ctx, { archived: false }, { page: Number(req.query.page ?? 1), perPage: 20, withTotal: true });
    return { total: page.total, tickets: page.tickets.map((t) => ({ id: t.id, subject: t.subject, status: t.status, requester: t.requester?.email, labels: t.labels.map((l) => l.label.name) })) };
  });
  app.post<{ Body: { subject: string; body: string } }>('/tickets', async (req, reply) => {
    const t = await createTicket(ctx, { subject: req.body.subject, descriptionText: req.body.body, requesterId: Number(actorId) });
    return reply.status(201).send({ id: t.id });
  });
  app.addHook('onClose', () => db.close());
} else {
  // The ceiling replays the exact SQL the domain sends for a read (captured from Prisma's
  // query log once at start-up) with plain pg, substituting the ticket id, the offset and
  // the page's ids. What remains between the two is Prisma's and the domain's own cost.
  type Stmt = { sql: string; params: unknown[] };
  const captured: Stmt[] = [];
  const capture = await openDatabase({ kind: 'postgres', url, poolSize: 1 }, { migrate: false, onQuery: (sql, params) => captured.push({ sql, params: JSON.parse(params) }) });
  const sampleCtx: Ctx = { db: capture.prisma, workspaceId: ws, actor: null };
  const sample = await capture.prisma.ticket.findFirstOrThrow({ where: { workspaceId: ws }, select: { id: true } });
  captured.length = 0;
  await getTicket(sampleCtx, { id: sample.id });
  const [getStmt] = captured;
  const idAt = getStmt.params.findIndex((v) => String(v) === String(sample.id));
  captured.length = 0;
  await listTickets(sampleCtx, { archived: false }, { page: 3, perPage: 20, withTotal: true });
  const [countStmt, idsStmt, rowsStmt] = captured;
  const offsetAt = idsStmt.params.findIndex((v) => String(v) === '40');
  const firstIdAt = rowsStmt.params.length - 20;
  await capture.close();
  if (captured.length !== 3 || idAt < 0 || offsetAt < 0) throw new Error('unexpected SQL shape; update bench/server.ts');

  const pool = new pg.Pool({ connectionString: url, max: 10 });
  type Row = { id: number; subject: string; status: string; requester: { email: string } | null; labels: { label: { name: string } }[] | null };
  const view = (t: Row) => ({ id: t.id, subject: t.subject, status: t.status, requester: t.requester?.email, labels: (t.labels ?? []).map((l) => l.label.name) });
  const withParam = (stmt: Stmt, at: number, value: unknown) => stmt.params.map((v, i) => (i === at ? value : v));
  app.get<{ Params: { id: string } }>('/tickets/:id', async (req, reply) => {
    const { rows } = await pool.query<Row>(getStmt.sql, withParam(getStmt, idAt, Number(req.params.id)));
    return rows[0] ? view(rows[0]) : reply.status(404).send({});
  });
  app.get<{ Querystring: { page?: string } }>('/tickets', async (req) => {
    const offset = (Number(req.query.page ?? 1) - 1) * 20;
    const count = await pool.query<{ _count$_all: string }>(countStmt.sql, countStmt.params);
    const ids = (await pool.query<{ id: number }>(idsStmt.sql, withParam(idsStmt, offsetAt, String(offset)))).rows.map((r) => r.id);
    const params = rowsStmt.params.slice(0, firstIdAt).concat(ids);
    const sql = rowsStmt.sql.replace(/IN \([^)]*\)$/, `IN (${ids.map((_, i) => `$${firstIdAt + i + 1}`).join(',')})`);
    const rows = ids.length ? (await pool.query<Row>(sql, params)).rows : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { total: Number(count.rows[0]._count$_all), tickets: ids.flatMap((id) => (byId.has(id) ? [view(byId.get(id)!)] : [])) };
  });
  // Create: a minimal hand-written transaction (number, ticket, event) — a floor for the
  // work, not the same work: the domain also validates references, resolves the requester,
  // runs filters and reloads the ticket it returns.
  app.post<{ Body: { subject: string; body: string } }>('/tickets', async (req, reply) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const { rows } = await c.query('UPDATE "Workspace" SET "ticketSeq" = "ticketSeq" + 1 WHERE id = $1 RETURNING "ticketSeq"', [ws]);
      const n = rows[0].ticketSeq as number;
      const ins = await c.query(
        `INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", "requesterId", "creatorId", "lastActivityAt", "createdAt", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $6, now(), now(), now()) RETURNING id`,
        [ws, n, `C-${n}`, req.body.subject, req.body.body, Number(actorId)],
      );
      await c.query(`INSERT INTO "TicketEvent" ("workspaceId", "ticketId", "actorId", action, description) VALUES ($1, $2, $3, 'created', $4)`, [ws, ins.rows[0].id, Number(actorId), req.body.body]);
      await c.query('COMMIT');
      return reply.status(201).send({ id: ins.rows[0].id });
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    } finally {
      c.release();
    }
  });
  app.addHook('onClose', () => pool.end());
}

await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('ready');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
