// Every relation a ticket view carries (ticketInclude in view.ts), written once in SQL.
// To-one relations are joins of the ticket row, read as plain columns (ticket-row.ts). One
// ticket (read-sql.ts) reads each to-many relation as a subquery; a page of tickets
// (read-page.ts) reads each once for the whole page: per-row aggregates, and JSON built per
// row, cost a page of 1,000 tickets several times the time in PostgreSQL.
import type { ticketInclude } from './view.js';
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

/**
 * A timestamp column of an element: JSON has no dates, so the reader turns it back into a
 * Date. A class, so no nested object of fields can be taken for one.
 */
export class Stamp {
  constructor(readonly sql: string) {}
}
const stamp = (sql: string) => new Stamp(sql);

/** An element's fields in order: each a SQL expression, a timestamp, or a nested object of them. */
export interface ElementFields {
  readonly [key: string]: string | Stamp | ElementFields;
}

/**
 * Rows pointing at the ticket (`x."ticketId"`), in `order`, each an object of `element`'s
 * fields. PostgreSQL sends an element as a flat JSON array of its values (no keys, no nested
 * objects: building JSON objects cost a page of 1,000 tickets most of its relation
 * statement's time), and a decoder generated once per relation builds the object back.
 */
export interface ToMany {
  kind: 'many';
  from: string;
  where?: string;
  order: string;
  element: ElementFields;
}

export type RelationSql = ToOne | ToMany;

const USER: ToOne['columns'] = ['id', 'name', 'email', 'role', 'slackId', 'pictureUrl', 'type'];
const user = (fk: ToOne['fk']): ToOne => ({ kind: 'one', fk, table: 'User', columns: USER });
const named = (table: string, fk: ToOne['fk'], ...extra: string[]): ToOne => ({ kind: 'one', fk, table, columns: ['id', 'name', ...extra] });

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
    element: { label: { id: 'l.id', name: 'l.name', color: 'l.color' } },
  },
  fieldValues: {
    kind: 'many',
    from: '"TicketFieldValue" x JOIN "CustomField" f ON f.id = x."fieldId"',
    order: 'f.id',
    element: { value: 'x.value', field: { id: 'f.id', key: 'f.key', name: 'f.name', type: 'f.type' } },
  },
  externalRefs: {
    kind: 'many',
    from: '"ExternalRef" x',
    order: 'x.id',
    element: {
      id: 'x.id',
      ticketId: 'x."ticketId"',
      externalId: 'x."externalId"',
      integrationType: 'x."integrationType"',
      url: 'x.url',
      data: 'x.data',
      createdAt: stamp('x."createdAt"'),
      updatedAt: stamp('x."updatedAt"'),
    },
  },
  // The ticket's own files: not sent with a message, not in an unsent draft.
  attachments: {
    kind: 'many',
    from: '"Attachment" x',
    where: 'x."messageId" IS NULL AND x."draftId" IS NULL',
    order: 'x.id',
    element: { id: 'x.id', ticketId: 'x."ticketId"', filename: 'x.filename', contentType: 'x."contentType"', size: 'x.size', createdAt: stamp('x."createdAt"') },
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

/** The SQL of an element's values, in field order. */
function valuesOf(fields: ElementFields): string[] {
  return Object.values(fields).flatMap((f) => (typeof f === 'string' ? [f] : f instanceof Stamp ? [f.sql] : valuesOf(f)));
}

/** An object literal of `fields` read from `a[next.at]`, `a[next.at + 1]`, …, as source text. */
function literalOf(fields: ElementFields, next: { at: number }): string {
  const parts = Object.entries(fields).map(([k, f]) => {
    const value = typeof f === 'string' ? `a[${next.at++}]` : f instanceof Stamp ? `utc(a[${next.at++}])` : literalOf(f, next);
    return `${JSON.stringify(k)}: ${value}`;
  });
  return `{ ${parts.join(', ')} }`;
}

type Decode = (a: unknown[]) => unknown;

// Per ticket, an element's values start at 0; per page, at 1 (after its ticket's id).
const decoders = [new WeakMap<ToMany, Decode>(), new WeakMap<ToMany, Decode>()];

function decoderOf(r: ToMany, from: 0 | 1): Decode {
  let d = decoders[from].get(r);
  if (!d) decoders[from].set(r, (d = new Function('utc', `return (a) => (${literalOf(r.element, { at: from })});`)(utc) as Decode));
  return d;
}

/** A to-many relation of ticket row `t` as one JSON array of element arrays (revive builds the elements). */
export function perTicket(r: ToMany): string {
  const where = r.where ? ` AND ${r.where}` : '';
  return `(SELECT coalesce(json_agg(json_build_array(${valuesOf(r.element).join(', ')}) ORDER BY ${r.order}), '[]') FROM ${r.from} WHERE x."ticketId" = t.id${where})`;
}

/**
 * A to-many relation of a page of tickets, ids in `$1`, as one JSON array of element arrays,
 * each led by its ticket's id (null when nothing matched); byTicket builds the elements.
 */
export function perPage(r: ToMany): string {
  const where = r.where ? ` AND ${r.where}` : '';
  return `(SELECT json_agg(json_build_array(x."ticketId", ${valuesOf(r.element).join(', ')}) ORDER BY ${r.order}) FROM ${r.from} WHERE x."ticketId" = ANY($1::int[])${where})`;
}

/** The elements of one ticket's relation `r` from perTicket's arrays. */
export function revive(r: ToMany, value: unknown): unknown[] {
  return Array.isArray(value) ? value.map(decoderOf(r, 0)) : [];
}

/** The elements of relation `r` for each ticket of a page, from perPage's arrays, in their order. */
export function byTicket(r: ToMany, value: unknown): Map<number, unknown[]> {
  const out = new Map<number, unknown[]>();
  if (!Array.isArray(value)) return out;
  const decode = decoderOf(r, 1);
  for (const a of value as unknown[][]) {
    const id = a[0] as number;
    const list = out.get(id);
    if (list) list.push(decode(a));
    else out.set(id, [decode(a)]);
  }
  return out;
}
