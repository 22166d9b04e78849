// A page of tickets in at most two statements, whatever its size, sent side by side: the
// rows, with only the columns and to-one relations the caller's shape names, and the
// to-many relations it names, each looked up once for the whole page (relations-sql.ts).
// Both statement texts are fixed per shape, so each is prepared once per connection.
import type { SqlTx } from '../context.js';
import { readRows } from '../../db/rows.js';
import { perPage, perTicket, RELATIONS, revive, type ToMany } from './relations-sql.js';
import { perShape, selectedColumns, type ShapedTicket, type TicketRelation, type TicketShape } from './shape.js';

type Row = Record<string, unknown>;

interface PageSql {
  rows: string;
  /** The to-many relations, and the statement reading them (null when there are none). */
  many: [TicketRelation, ToMany][];
  relations: string | null;
}

const compile = perShape((shape): PageSql => {
  const many = shape.relations.flatMap((name): [TicketRelation, ToMany][] => {
    const r = RELATIONS[name];
    return r.kind === 'many' ? [[name, r]] : [];
  });
  const ones = shape.relations.filter((name) => RELATIONS[name].kind === 'one').map((name) => `${perTicket(RELATIONS[name])} AS "${name}"`);
  // A null per to-many relation too, filled in below: the driver builds each row with every
  // key it will have, so filling one in does not reshape the object (adding a key to a row
  // of twenty-odd keys costs V8 a dictionary copy: about 1 KB per ticket).
  const placeholders = many.map(([name]) => `NULL AS "${name}"`);
  return {
    rows: `SELECT ${[...selectedColumns(shape), ...ones, ...placeholders].join(', ')} FROM "Ticket" t WHERE t."workspaceId" = $1 AND t.id = ANY($2::int[])`,
    many,
    relations: many.length ? `SELECT ${many.map(([name, r]) => `${perPage(r)} AS "${name}"`).join(',\n  ')}` : null,
  };
});

/** The workspace's tickets with these ids, in the order of `ids` (missing ones left out), as `shape` reads them. */
export async function queryTicketPage<S extends TicketShape>(db: SqlTx, workspaceId: number, ids: readonly number[], shape: S): Promise<ShapedTicket<S>[]> {
  if (!ids.length) return [];
  const sql = compile(shape);
  // Only the rows statement is scoped to the workspace: relations found for another's ticket
  // id have no row to join.
  const [rows, found] = await Promise.all([
    readRows<Row>(db, sql.rows, workspaceId, ids),
    sql.relations ? readRows<Record<string, Record<string, unknown> | null>>(db, sql.relations, ids).then(([r]) => r) : null,
  ]);
  if (found) {
    for (const [name, r] of sql.many) {
      const byTicket = found[name] ?? {};
      for (const row of rows) row[name] = revive(r, byTicket[String(row.id)] ?? []);
    }
  }
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  return ids.flatMap((id) => byId.get(id) ?? []) as unknown as ShapedTicket<S>[];
}
