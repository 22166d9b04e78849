// A page of tickets in two statements, whatever its size, sent side by side: the rows, with
// only the columns the caller's shape names, and every relation it names, each looked up
// once for the whole page (relations-sql.ts). Both statement texts are fixed per shape, so
// each is prepared once per connection.
import type { SqlTx } from '../context.js';
import { readRows } from '../../db/rows.js';
import { perPage, RELATIONS, revive } from './relations-sql.js';
import type { ShapedTicket, TicketShape } from './shape.js';

type Row = Record<string, unknown>;

interface PageSql {
  rows: string;
  /** Null when the shape names no relation. */
  relations: string | null;
}

const compiled = new WeakMap<TicketShape, PageSql>();

function compile(shape: TicketShape): PageSql {
  let sql = compiled.get(shape);
  if (sql) return sql;
  // The id places rows in page order; foreign keys find the related rows.
  const fks = shape.relations.flatMap((r) => (RELATIONS[r].kind === 'one' ? [RELATIONS[r].fk] : []));
  const columns = [...new Set(['id', ...shape.columns, ...fks])].map((c) => `t."${c}"`);
  // A null per relation too, filled in below: the driver builds each row with every key it
  // will have, so filling one in does not reshape the object (adding a key to a row of
  // twenty-odd keys costs V8 a dictionary copy: about 1 KB per ticket).
  const placeholders = shape.relations.map((r) => `NULL AS "${r}"`);
  sql = {
    rows: `SELECT ${[...columns, ...placeholders].join(', ')} FROM "Ticket" t WHERE t."workspaceId" = $1 AND t.id = ANY($2::int[])`,
    relations: shape.relations.length
      ? `WITH page AS (SELECT ${['id', ...fks].map((c) => `t."${c}"`).join(', ')} FROM "Ticket" t WHERE t."workspaceId" = $1 AND t.id = ANY($2::int[]))
         SELECT ${shape.relations.map((r) => `${perPage(RELATIONS[r])} AS "${r}"`).join(',\n  ')}`
      : null,
  };
  compiled.set(shape, sql);
  return sql;
}

/** The workspace's tickets with these ids, in the order of `ids` (missing ones left out), as `shape` reads them. */
export async function queryTicketPage<S extends TicketShape>(db: SqlTx, workspaceId: number, ids: readonly number[], shape: S): Promise<ShapedTicket<S>[]> {
  if (!ids.length) return [];
  const sql = compile(shape);
  const [rows, found] = await Promise.all([
    readRows<Row>(db, sql.rows, workspaceId, ids),
    sql.relations ? readRows<Record<string, Record<string, unknown> | null>>(db, sql.relations, workspaceId, ids).then(([r]) => r) : null,
  ]);
  if (found) {
    for (const name of shape.relations) {
      const r = RELATIONS[name];
      const byKey = found[name] ?? {};
      for (const row of rows) {
        if (r.kind === 'one') row[name] = row[r.fk] == null ? null : (byKey[String(row[r.fk])] ?? null);
        else row[name] = revive(r, byKey[String(row.id)] ?? []);
      }
    }
  }
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  return ids.flatMap((id) => byId.get(id) ?? []) as unknown as ShapedTicket<S>[];
}
