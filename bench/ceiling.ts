// The ceiling: what a careful engineer would write by hand for the benchmarked endpoints.
// Bare Fastify + pg, named prepared statements, one auth query (token hash -> user and
// workspace) and one data query per read, a minimal transaction per create. It renders
// with polydesk's own pure wire mappers (plain functions over rows, no I/O), so both
// servers do the same rendering and the gap is everything else (ORM, auth, validation,
// serialization, hooks). bench/run.ts asserts both answer the same JSON before measuring.
//   node --import tsx bench/ceiling.ts <database url> <port>
import { createHash } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import * as sb from '../src/dialects/supportbee/mappers.js';
import { ticketWire } from '../src/dialects/taskip/mappers.js';
import { eventToWire, ticketToWire, type EventRow } from '../src/dialects/sympoq/mappers.js';
import type { TicketView } from '../src/domain/tickets/view.js';

const [url, port] = process.argv.slice(2);
// timestamp(3) columns hold UTC (Prisma's convention).
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (s) => new Date(s.replace(' ', 'T') + 'Z'));
const pool = new pg.Pool({ connectionString: url, max: 10 });
const app = Fastify({ logger: false });

interface Principal {
  userId: number;
  workspaceId: number;
  role: string;
  name: string;
  email: string | null;
  pictureUrl: string | null;
}

const AUTH = {
  name: 'auth',
  text: `SELECT u.id AS "userId", u."workspaceId", u.role, u.name, u.email, u."pictureUrl"
         FROM "ApiToken" k JOIN "User" u ON u.id = k."userId" AND u."workspaceId" = k."workspaceId"
         WHERE k.hash = $1 AND k.kind = 'api' AND k."revokedAt" IS NULL AND (k."expiresAt" IS NULL OR k."expiresAt" > now())`,
};

async function auth(secret: string | undefined, reply: FastifyReply): Promise<Principal | null> {
  if (!secret) return reply.status(401).send({ error: 'unauthorized' }), null;
  const hash = createHash('sha256').update(secret).digest('hex');
  const { rows } = await pool.query<Principal>({ ...AUTH, values: [hash] });
  if (!rows[0]) return reply.status(401).send({ error: 'unauthorized' }), null;
  return rows[0];
}
const bearer = (req: FastifyRequest) => req.headers.authorization?.slice(7);
const base = (req: FastifyRequest, prefix: string) => `${req.protocol}://${req.host}${prefix}`;
const dates = <T>(o: T, keys: string[]): T => {
  for (const k of keys) if ((o as Record<string, unknown>)[k] != null) (o as Record<string, unknown>)[k] = new Date((o as Record<string, string>)[k] + 'Z');
  return o;
};

// ---- SupportBee: the columns its ticket renders, relations as json, attachments included ----
const SB_COLUMNS = `t.id, t.subject, t."replyCount", t."noteCount", t."lastActivityAt", t."createdAt", t.unanswered, t.archived, t.spam, t.trashed,
  t."descriptionText", t."descriptionHtml", t.cc, t.bcc,
  (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'pictureUrl', u."pictureUrl") FROM "User" u WHERE u.id = t."requesterId") AS requester,
  (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'pictureUrl', u."pictureUrl") FROM "User" u WHERE u.id = t."assigneeId") AS assignee,
  (SELECT json_build_object('id', m.id, 'name', m.name) FROM "Team" m WHERE m.id = t."teamId") AS team,
  (SELECT coalesce(json_agg(json_build_object('label', json_build_object('name', l.name, 'color', l.color)) ORDER BY tl."createdAt"), '[]') FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId" WHERE tl."ticketId" = t.id) AS labels,
  (SELECT coalesce(json_agg(a ORDER BY a.id), '[]') FROM "Attachment" a WHERE a."ticketId" = t.id AND a."messageId" IS NULL AND a."draftId" IS NULL) AS attachments`;
type SbRow = TicketView;
const sbTicket = (req: FastifyRequest, r: SbRow) => {
  for (const a of r.attachments) dates(a, ['createdAt']);
  return sb.ticket(r, { attachment: (id) => `${base(req, '/supportbee')}/attachments/${id}/download` });
};

app.get<{ Params: { id: string } }>('/supportbee/tickets/:id', async (req, reply) => {
  const p = await auth(bearer(req), reply);
  if (!p) return reply;
  const { rows } = await pool.query<SbRow>({ name: 'sb-get', text: `SELECT ${SB_COLUMNS} FROM "Ticket" t WHERE t.id = $1 AND t."workspaceId" = $2`, values: [Number(req.params.id), p.workspaceId] });
  if (!rows[0]) return reply.status(404).send({ error: 'not found' });
  return { ticket: sbTicket(req, rows[0]) };
});

// The default list: not archived/spam/trashed, newest activity first, with its total.
app.get<{ Querystring: { page?: string; per_page?: string } }>('/supportbee/tickets', async (req, reply) => {
  const p = await auth(bearer(req), reply);
  if (!p) return reply;
  const page = Number(req.query.page ?? 1);
  const perPage = Number(req.query.per_page ?? 15);
  const { rows } = await pool.query<SbRow & { total: string }>({
    name: 'sb-list',
    text: `WITH page AS (SELECT id FROM "Ticket" WHERE "workspaceId" = $1 AND NOT archived AND NOT spam AND NOT trashed ORDER BY "lastActivityAt" DESC, id DESC LIMIT $2 OFFSET $3)
           SELECT (SELECT count(*) FROM "Ticket" WHERE "workspaceId" = $1 AND NOT archived AND NOT spam AND NOT trashed) AS total, ${SB_COLUMNS}
           FROM page JOIN "Ticket" t ON t.id = page.id ORDER BY t."lastActivityAt" DESC, t.id DESC`,
    values: [p.workspaceId, perPage, (page - 1) * perPage],
  });
  const total = Number(rows[0]?.total ?? 0);
  return { total, current_page: page, per_page: perPage, total_pages: Math.ceil(total / perPage), tickets: rows.map((r) => sbTicket(req, r)) };
});

app.post<{ Body: { ticket: { subject: string; content: { text: string } } } }>('/supportbee/tickets', async (req, reply) => {
  const p = await auth(bearer(req), reply);
  if (!p) return reply;
  const { subject, content } = req.body.ticket;
  const c = await pool.connect();
  let row: SbRow;
  try {
    await c.query('BEGIN');
    const seq = await c.query<{ n: number }>({ name: 'seq', text: 'UPDATE "Workspace" SET "ticketSeq" = "ticketSeq" + 1 WHERE id = $1 RETURNING "ticketSeq" AS n', values: [p.workspaceId] });
    const n = seq.rows[0].n;
    const ins = await c.query<SbRow>({
      name: 'sb-create',
      text: `INSERT INTO "Ticket" ("workspaceId", uuid, number, ref, subject, "descriptionText", source, "requesterId", "creatorId", "updatedAt")
             VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 'api', $6, $6, now()) RETURNING *`,
      values: [p.workspaceId, n, `C-${n}`, subject.trim(), content.text, p.userId],
    });
    row = ins.rows[0];
    await c.query({ name: 'created-event', text: `INSERT INTO "TicketEvent" ("workspaceId", "ticketId", "actorId", "actorName", action) VALUES ($1, $2, $3, $4, 'created')`, values: [p.workspaceId, row.id, p.userId, p.name] });
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
  const me = { id: p.userId, name: p.name, email: p.email, role: p.role, pictureUrl: p.pictureUrl };
  return reply.status(201).send(sbTicket(req, { ...row, requester: me, assignee: null, team: null, labels: [], attachments: [] } as unknown as SbRow));
});

// ---- TaskIP: one ticket, bare ----
app.get<{ Params: { id: string } }>('/taskip/api/public-v1/support-ticket/:id', async (req, reply) => {
  const p = await auth(req.headers['x-secret-key'] as string | undefined, reply);
  if (!p) return reply;
  const { rows } = await pool.query<TicketView>({
    name: 'taskip-get',
    text: `SELECT t.id, t.uuid, t.subject, t.priority, t.status, t."descriptionText", t."createdAt", t."updatedAt", t.number, t."organizationId", t."assigneeId",
             t."resolutionNotes", t."closedAt", t.deadline, t."replyCount", t."attachmentCount",
             (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM "User" u WHERE u.id = t."creatorId") AS creator,
             (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM "User" u WHERE u.id = t."requesterId") AS requester,
             (SELECT json_build_object('name', u.name) FROM "User" u WHERE u.id = t."assigneeId") AS assignee,
             (SELECT json_build_object('name', q.name) FROM "Queue" q WHERE q.id = t."queueId") AS queue,
             (SELECT json_build_object('name', o.name, 'email', o.email) FROM "Organization" o WHERE o.id = t."organizationId") AS organization,
             (SELECT coalesce(json_agg(json_build_object('label', json_build_object('name', l.name)) ORDER BY tl."createdAt"), '[]') FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId" WHERE tl."ticketId" = t.id) AS labels,
             (SELECT coalesce(json_agg(json_build_object('value', v.value, 'field', json_build_object('key', f.key))), '[]') FROM "TicketFieldValue" v JOIN "CustomField" f ON f.id = v."fieldId" WHERE v."ticketId" = t.id) AS "fieldValues",
             (SELECT coalesce(json_agg(a), '[]') FROM (SELECT id, "ticketId", filename, size, "contentType", "createdAt" FROM "Attachment" WHERE "ticketId" = t.id AND "messageId" IS NULL AND "draftId" IS NULL ORDER BY id DESC LIMIT 1) a) AS attachments
           FROM "Ticket" t WHERE t.id = $1 AND t."workspaceId" = $2`,
    values: [Number(req.params.id), p.workspaceId],
  });
  const r = rows[0];
  if (!r) return reply.status(404).send({ error: 'not found' });
  for (const a of r.attachments) dates(a, ['createdAt']);
  return ticketWire(r, base(req, '/taskip'));
});

// ---- Sympoq: one ticket by number, with its event log (newest first) ----
app.get<{ Params: { id: string } }>('/sympoq/app/desk/api/ticket/:id', async (req, reply) => {
  const p = await auth(req.headers.apikey as string | undefined, reply);
  if (!p) return reply;
  const { rows } = await pool.query<TicketView & { ws: { dateFormat: string; datetimeFormat: string; timeZone: string }; fields: { id: string; name: string; type: "text" }[]; events: (EventRow & { createdAt: string })[] }>({
    name: 'sympoq-get',
    text: `SELECT t.*,
             (SELECT json_build_object('dateFormat', w."dateFormat", 'datetimeFormat', w."datetimeFormat", 'timeZone', w."timeZone") FROM "Workspace" w WHERE w.id = t."workspaceId") AS ws,
             (SELECT coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'type', f.type) ORDER BY f."createdAt"), '[]') FROM "CustomField" f WHERE f."workspaceId" = t."workspaceId" AND f.enabled) AS fields,
             (SELECT coalesce(json_agg(json_build_object('value', v.value, 'field', json_build_object('name', f.name, 'type', f.type))), '[]') FROM "TicketFieldValue" v JOIN "CustomField" f ON f.id = v."fieldId" WHERE v."ticketId" = t.id) AS "fieldValues",
             (SELECT json_build_object('name', u.name, 'email', u.email, 'role', u.role, 'type', u.type,
                'groupMemberships', (SELECT coalesce(json_agg(json_build_object('group', json_build_object('name', g.name))), '[]') FROM "CustomerGroupMember" gm JOIN "User" g ON g.id = gm."groupId" WHERE gm."memberId" = u.id))
              FROM "User" u WHERE u.id = t."requesterId") AS requester,
             (SELECT coalesce(json_agg(json_build_object('label', json_build_object('name', l.name)) ORDER BY tl."createdAt"), '[]') FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId" WHERE tl."ticketId" = t.id) AS labels,
             (SELECT coalesce(json_agg(json_build_object('action', e.action, 'description', e.description, 'data', e.data, 'minutes', e.minutes, 'actorName', e."actorName", 'createdAt', e."createdAt") ORDER BY e.id DESC), '[]') FROM "TicketEvent" e WHERE e."ticketId" = t.id AND e."workspaceId" = t."workspaceId") AS events
           FROM "Ticket" t WHERE t.number = $1 AND t."workspaceId" = $2`,
    values: [Number(req.params.id), p.workspaceId],
  });
  const r = rows[0];
  if (!r) return reply.status(404).send({ error: 'not found' });
  const formats = { date: r.ws.dateFormat, datetime: r.ws.datetimeFormat, timeZone: r.ws.timeZone };
  const wire = ticketToWire(r, { formats, fields: r.fields, now: new Date() });
  if (String(req.headers.event_log ?? '') !== '1') return wire;
  const files = `${base(req, '/sympoq')}/app/desk/api/ticket/${encodeURIComponent(r.ref)}/attachments/`;
  return { ...wire, event_log: r.events.map((e) => eventToWire(dates(e, ['createdAt']), formats, (id) => files + id)) };
});

await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('ready');
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
