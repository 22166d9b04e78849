// A benchmark server, run as a child process by bench/run.ts:
//   domain  - Fastify routes calling the polydesk domain services (Prisma)
//   ceiling - bare Fastify + pg doing the equivalent SQL by hand
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
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The same data a domain ticket read loads (src/domain/tickets/view.ts), in one statement.
  const card = (alias: string) => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'email', ${alias}.email, 'role', ${alias}.role, 'slackId', ${alias}."slackId", 'pictureUrl', ${alias}."pictureUrl", 'type', ${alias}.type) END`;
  const ticketSql = `
    SELECT t.*, ${card('r')} AS requester_card,
      (SELECT COALESCE(json_agg(json_build_object('id', g.id, 'name', g.name)), '[]') FROM "CustomerGroupMember" m JOIN "User" g ON g.id = m."groupId" WHERE m."memberId" = t."requesterId") AS groups,
      ${card('c')} AS creator, ${card('a')} AS assignee,
      to_json(tm) AS team, to_json(o) AS organization, to_json(p) AS project, to_json(q) AS queue, to_json(tp) AS topic, to_json(f) AS form,
      (SELECT COALESCE(json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY tl."createdAt"), '[]') FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId" WHERE tl."ticketId" = t.id) AS labels,
      (SELECT COALESCE(json_agg(json_build_object('value', v.value, 'field', json_build_object('id', cf.id, 'key', cf.key, 'name', cf.name, 'type', cf.type))), '[]') FROM "TicketFieldValue" v JOIN "CustomField" cf ON cf.id = v."fieldId" WHERE v."ticketId" = t.id) AS field_values,
      (SELECT COALESCE(json_agg(x ORDER BY x.id), '[]') FROM "ExternalRef" x WHERE x."ticketId" = t.id) AS external_refs
    FROM "Ticket" t
    LEFT JOIN "User" r ON r.id = t."requesterId" LEFT JOIN "User" c ON c.id = t."creatorId" LEFT JOIN "User" a ON a.id = t."assigneeId"
    LEFT JOIN LATERAL (SELECT id, name FROM "Team" WHERE id = t."teamId") tm ON true
    LEFT JOIN LATERAL (SELECT id, name, email FROM "Organization" WHERE id = t."organizationId") o ON true
    LEFT JOIN LATERAL (SELECT id, name FROM "Project" WHERE id = t."projectId") p ON true
    LEFT JOIN LATERAL (SELECT id, name FROM "Queue" WHERE id = t."queueId") q ON true
    LEFT JOIN LATERAL (SELECT id, name FROM "Topic" WHERE id = t."topicId") tp ON true
    LEFT JOIN LATERAL (SELECT id, name FROM "Form" WHERE id = t."formId") f ON true`;
  type Row = { id: number; subject: string; status: string; requester_card: { email: string } | null; labels: { name: string }[] };
  const view = (t: Row) => ({ id: t.id, subject: t.subject, status: t.status, requester: t.requester_card?.email, labels: t.labels.map((l) => l.name) });
  app.get<{ Params: { id: string } }>('/tickets/:id', async (req, reply) => {
    const { rows } = await pool.query<Row>(`${ticketSql} WHERE t."workspaceId" = $1 AND t.id = $2`, [ws, Number(req.params.id)]);
    return rows[0] ? view(rows[0]) : reply.status(404).send({});
  });
  app.get<{ Querystring: { page?: string } }>('/tickets', async (req) => {
    const offset = (Number(req.query.page ?? 1) - 1) * 20;
    const [count, list] = await Promise.all([
      pool.query('SELECT count(*)::int AS n FROM "Ticket" WHERE "workspaceId" = $1 AND archived = false', [ws]),
      pool.query<Row>(`${ticketSql} WHERE t."workspaceId" = $1 AND t.archived = false ORDER BY t."lastActivityAt" DESC, t.id DESC LIMIT 20 OFFSET $2`, [ws, offset]),
    ]);
    return { total: count.rows[0].n, tickets: list.rows.map(view) };
  });
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
