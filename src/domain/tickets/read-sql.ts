// The hot ticket read in hand-written SQL: one statement returns the tickets with every
// relation a ticket view carries (TicketView, the shape of ticketInclude) as JSON, so a
// ticket costs one round trip and one small result, whatever its relations. The statement
// texts are fixed (one per key kind), so the pg adapter prepares each once per connection.
// Keep in step with ticketInclude in view.ts; test/core/ticket-read.test.ts compares them.
import { Prisma } from '../../generated/prisma/client.js';
import type { SqlTx } from '../context.js';
import type { TicketView } from './view.js';
import { readRows, utcTimestamp as utc } from '../../db/rows.js';

// Every scalar column of Ticket, from the generated client: a new column is read without
// touching this file.
const COLUMNS = Object.values(Prisma.TicketScalarFieldEnum)
  .map((c) => `t."${c}"`)
  .join(', ');

const person = (fk: string) =>
  `(SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'slackId', u."slackId", 'pictureUrl', u."pictureUrl", 'type', u.type)
    FROM "User" u WHERE u.id = t."${fk}")`;
const named = (table: string, fk: string, extra = '') => `(SELECT json_build_object('id', x.id, 'name', x.name${extra}) FROM "${table}" x WHERE x.id = t."${fk}")`;

const RELATIONS = `
  (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'slackId', u."slackId", 'pictureUrl', u."pictureUrl", 'type', u.type,
            'groupMemberships', (SELECT coalesce(json_agg(json_build_object('group', json_build_object('id', g.id, 'name', g.name))), '[]')
                                 FROM "CustomerGroupMember" m JOIN "User" g ON g.id = m."groupId" WHERE m."memberId" = u.id))
   FROM "User" u WHERE u.id = t."requesterId") AS requester,
  ${person('creatorId')} AS creator,
  ${person('assigneeId')} AS assignee,
  ${named('Team', 'teamId')} AS team,
  ${named('Organization', 'organizationId', `, 'email', x.email`)} AS organization,
  ${named('Project', 'projectId')} AS project,
  ${named('Queue', 'queueId')} AS queue,
  ${named('Topic', 'topicId')} AS topic,
  ${named('Form', 'formId')} AS form,
  (SELECT coalesce(json_agg(json_build_object('label', json_build_object('id', l.id, 'name', l.name, 'color', l.color)) ORDER BY tl."createdAt"), '[]')
   FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId" WHERE tl."ticketId" = t.id) AS labels,
  (SELECT coalesce(json_agg(json_build_object('value', v.value, 'field', json_build_object('id', f.id, 'key', f.key, 'name', f.name, 'type', f.type))), '[]')
   FROM "TicketFieldValue" v JOIN "CustomField" f ON f.id = v."fieldId" WHERE v."ticketId" = t.id) AS "fieldValues",
  (SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM "ExternalRef" e WHERE e."ticketId" = t.id) AS "externalRefs",
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'ticketId', a."ticketId", 'filename', a.filename, 'contentType', a."contentType", 'size', a.size, 'createdAt', a."createdAt") ORDER BY a.id), '[]')
   FROM "Attachment" a WHERE a."ticketId" = t.id AND a."messageId" IS NULL AND a."draftId" IS NULL) AS attachments`;

const select = (where: string) => `SELECT ${COLUMNS}, ${RELATIONS} FROM "Ticket" t WHERE t."workspaceId" = $1 AND ${where}`;

export const TICKET_BY = {
  id: select('t.id = $2'),
  uuid: select('t.uuid = $2'),
  number: select('t.number = $2'),
  ref: select('t.ref = $2'),
  ids: select('t.id = ANY($2::int[])'),
} as const;


type Stamped<T, K extends keyof T> = Omit<T, K> & { [k in K]: string };
type Row = Omit<TicketView, 'externalRefs' | 'attachments'> & {
  externalRefs: Stamped<TicketView['externalRefs'][number], 'createdAt' | 'updatedAt'>[];
  attachments: Stamped<TicketView['attachments'][number], 'createdAt'>[];
};

function toView(r: Row): TicketView {
  return {
    ...r,
    externalRefs: r.externalRefs.map((e) => ({ ...e, createdAt: utc(e.createdAt), updatedAt: utc(e.updatedAt) })),
    attachments: r.attachments.map((a) => ({ ...a, createdAt: utc(a.createdAt) })),
  };
}

/** Tickets of the workspace matching one key (0 or 1 rows), or the given ids (any order). */
export async function queryTicketViews(db: SqlTx, workspaceId: number, by: keyof typeof TICKET_BY, value: number | string | number[]): Promise<TicketView[]> {
  const rows = await readRows<Row>(db, TICKET_BY[by], workspaceId, value);
  return rows.map(toView);
}
