// Every relation a ticket view carries (ticketInclude in view.ts), written once in SQL.
// To-one relations are joins of the ticket row, read as plain columns (ticket-row.ts). One
// ticket (read-sql.ts) reads each to-many relation as a subquery; a page of tickets
// (read-page.ts) reads each once for the whole page: per-row aggregates, and JSON built per
// row, cost a page of 1,000 tickets several times the time in PostgreSQL.
import type { ticketInclude, TicketView } from './view.js';
import { utcTimestamp as utc } from '../../db/rows.js';

/** The relations of a ticket view: RELATIONS below must write each of them. */
export type TicketRelation = keyof typeof ticketInclude;

/**
 * A relation through a foreign key on the ticket: its row `x`, read as plain columns of a
 * join (PostgreSQL builds no JSON per row for it, Node parses none), and any nested lists
 * as JSON, each an expression over `x`.
 */
export interface ToOne {
  kind: 'one';
  fk: 'requesterId' | 'creatorId' | 'assigneeId' | 'teamId' | 'organizationId' | 'projectId' | 'queueId' | 'topicId' | 'formId';
  table: string;
  /** The row's columns, its primary key first (a missing row has a null one). */
  columns: readonly ['id', ...string[]];
  nested?: Readonly<Record<string, (x: string) => string>>;
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

const USER: ToOne['columns'] = ['id', 'name', 'email', 'role', 'slackId', 'pictureUrl', 'type'];
const user = (fk: ToOne['fk']): ToOne => ({ kind: 'one', fk, table: 'User', columns: USER });
const named = (table: string, fk: ToOne['fk'], ...extra: string[]): ToOne => ({ kind: 'one', fk, table, columns: ['id', 'name', ...extra] });

type Stamped<T, K extends keyof T> = Omit<T, K> & { [k in K]: string };
type ExternalRefRow = Stamped<TicketView['externalRefs'][number], 'createdAt' | 'updatedAt'>;
type AttachmentRow = Stamped<TicketView['attachments'][number], 'createdAt'>;

export const RELATIONS: { [R in TicketRelation]: RelationSql } = {
  requester: {
    ...user('requesterId'),
    nested: {
      groupMemberships: (x) => `(SELECT coalesce(json_agg(json_build_object('group', json_build_object('id', g.id, 'name', g.name)) ORDER BY g.id), '[]')
        FROM "CustomerGroupMember" m JOIN "User" g ON g.id = m."groupId" WHERE m."memberId" = ${x}.id)`,
    },
  },
  creator: user('creatorId'),
  assignee: user('assigneeId'),
  team: named('Team', 'teamId'),
  organization: named('Organization', 'organizationId', 'email'),
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

/**
 * To-one relation `name` of ticket row `t` as a join under `alias`: the columns it selects,
 * `columns` then `nested`, each named `name.key` (ticket-row.ts builds the object back).
 */
export function joinOne(name: TicketRelation, r: ToOne, alias: string): { join: string; select: string[] } {
  const column = (sql: string, key: string) => `${sql} AS "${name}.${key}"`;
  return {
    join: `LEFT JOIN "${r.table}" ${alias} ON ${alias}.id = t."${r.fk}"`,
    select: [...r.columns.map((c) => column(`${alias}."${c}"`, c)), ...Object.entries(r.nested ?? {}).map(([k, sql]) => column(sql(alias), k))],
  };
}

/** A to-many relation of ticket row `t` as one JSON array. */
export function perTicket(r: ToMany): string {
  const where = r.where ? ` AND ${r.where}` : '';
  return `(SELECT coalesce(json_agg(${r.element} ORDER BY ${r.order}), '[]') FROM ${r.from} WHERE x."ticketId" = t.id${where})`;
}

/** A to-many relation of a page of tickets, ids in `$1`, as one JSON object by ticket id (null when nothing matched). */
export function perPage(r: ToMany): string {
  const where = r.where ? ` AND ${r.where}` : '';
  return `(SELECT json_object_agg(k, v) FROM (SELECT x."ticketId" AS k, json_agg(${r.element} ORDER BY ${r.order}) AS v FROM ${r.from} WHERE x."ticketId" = ANY($1::int[])${where} GROUP BY 1) g)`;
}

/** Revives the JSON of to-many relation `r` for a ticket view: dates back to Dates. */
export function revive(r: ToMany, value: unknown): unknown {
  if (!r.revive || !Array.isArray(value)) return value;
  return value.map(r.revive as (e: unknown) => unknown);
}
