// Every relation a ticket view carries (ticketInclude in view.ts), written once in SQL.
// One ticket (read-sql.ts) reads each as a subquery. A page of tickets (read-page.ts) reads
// its to-one relations the same way, with its rows, and each to-many relation once for the
// whole page: per-row aggregates cost a page of 1,000 tickets several times the time in
// PostgreSQL.
import type { ticketInclude, TicketView } from './view.js';
import { utcTimestamp as utc } from '../../db/rows.js';

/** The relations of a ticket view: RELATIONS below must write each of them. */
export type TicketRelation = keyof typeof ticketInclude;

/** A relation through a foreign key on the ticket: its row `x`, rendered by `element`. */
interface ToOne {
  kind: 'one';
  fk: 'requesterId' | 'creatorId' | 'assigneeId' | 'teamId' | 'organizationId' | 'projectId' | 'queueId' | 'topicId' | 'formId';
  from: string;
  element: string;
}

/** Rows pointing at the ticket (`x."ticketId"`), in `order`, rendered by `element`. */
export interface ToMany {
  kind: 'many';
  from: string;
  where?: string;
  order: string;
  element: string;
  /** JSON has no dates: turns an element's timestamps back into Dates. */
  revive?: (e: never) => unknown;
}

export type RelationSql = ToOne | ToMany;

const USER = `'id', x.id, 'name', x.name, 'email', x.email, 'role', x.role, 'slackId', x."slackId", 'pictureUrl', x."pictureUrl", 'type', x.type`;
const user = (fk: ToOne['fk']): ToOne => ({ kind: 'one', fk, from: '"User" x', element: `json_build_object(${USER})` });
const named = (table: string, fk: ToOne['fk'], extra = ''): ToOne => ({
  kind: 'one',
  fk,
  from: `"${table}" x`,
  element: `json_build_object('id', x.id, 'name', x.name${extra})`,
});

type Stamped<T, K extends keyof T> = Omit<T, K> & { [k in K]: string };
type ExternalRefRow = Stamped<TicketView['externalRefs'][number], 'createdAt' | 'updatedAt'>;
type AttachmentRow = Stamped<TicketView['attachments'][number], 'createdAt'>;

export const RELATIONS: { [R in TicketRelation]: RelationSql } = {
  requester: {
    ...user('requesterId'),
    element: `json_build_object(${USER},
      'groupMemberships', (SELECT coalesce(json_agg(json_build_object('group', json_build_object('id', g.id, 'name', g.name)) ORDER BY g.id), '[]')
                           FROM "CustomerGroupMember" m JOIN "User" g ON g.id = m."groupId" WHERE m."memberId" = x.id))`,
  },
  creator: user('creatorId'),
  assignee: user('assigneeId'),
  team: named('Team', 'teamId'),
  organization: named('Organization', 'organizationId', `, 'email', x.email`),
  project: named('Project', 'projectId'),
  queue: named('Queue', 'queueId'),
  topic: named('Topic', 'topicId'),
  form: named('Form', 'formId'),
  labels: {
    kind: 'many',
    from: '"TicketLabel" x JOIN "Label" l ON l.id = x."labelId"',
    order: 'x."createdAt"',
    element: `json_build_object('label', json_build_object('id', l.id, 'name', l.name, 'color', l.color))`,
  },
  fieldValues: {
    kind: 'many',
    from: '"TicketFieldValue" x JOIN "CustomField" f ON f.id = x."fieldId"',
    order: 'f.id',
    element: `json_build_object('value', x.value, 'field', json_build_object('id', f.id, 'key', f.key, 'name', f.name, 'type', f.type))`,
  },
  externalRefs: {
    kind: 'many',
    from: '"ExternalRef" x',
    order: 'x.id',
    element: 'to_json(x)',
    revive: (e: ExternalRefRow) => ({ ...e, createdAt: utc(e.createdAt), updatedAt: utc(e.updatedAt) }),
  },
  // The ticket's own files: not sent with a message, not in an unsent draft.
  attachments: {
    kind: 'many',
    from: '"Attachment" x',
    where: 'x."messageId" IS NULL AND x."draftId" IS NULL',
    order: 'x.id',
    element: `json_build_object('id', x.id, 'ticketId', x."ticketId", 'filename', x.filename, 'contentType', x."contentType", 'size', x.size, 'createdAt', x."createdAt")`,
    revive: (a: AttachmentRow) => ({ ...a, createdAt: utc(a.createdAt) }),
  },
};

export const TICKET_RELATIONS = Object.keys(RELATIONS) as TicketRelation[];

/** The relation of ticket row `t` as one JSON value (an object, null, or an array). */
export function perTicket(r: RelationSql): string {
  if (r.kind === 'one') return `(SELECT ${r.element} FROM ${r.from} WHERE x.id = t."${r.fk}")`;
  const where = r.where ? ` AND ${r.where}` : '';
  return `(SELECT coalesce(json_agg(${r.element} ORDER BY ${r.order}), '[]') FROM ${r.from} WHERE x."ticketId" = t.id${where})`;
}

/**
 * A to-many relation of a page of tickets, ids in `$1`, as one JSON object by ticket id
 * (null when nothing matched). To-one relations are joins, one per row: a page reads them
 * with its rows, through perTicket.
 */
export function perPage(r: ToMany): string {
  const where = r.where ? ` AND ${r.where}` : '';
  return `(SELECT json_object_agg(k, v) FROM (SELECT x."ticketId" AS k, json_agg(${r.element} ORDER BY ${r.order}) AS v FROM ${r.from} WHERE x."ticketId" = ANY($1::int[])${where} GROUP BY 1) g)`;
}

/** Revives the JSON of relation `r` for a ticket view: dates back to Dates. */
export function revive(r: RelationSql, value: unknown): unknown {
  if (r.kind === 'one' || !r.revive || !Array.isArray(value)) return value;
  return value.map(r.revive as (e: unknown) => unknown);
}
