// A ticket as one row of plain columns: the columns its shape names, each to-one relation
// joined (its own columns), and one value per to-many relation, whatever expression the
// reader puts there (a subquery for one ticket, a placeholder for a page). The row is read
// as an array (readArrays) and built back into the ticket by `decode`: one object literal
// per shape, generated, so every ticket of a shape shares one hidden class and a relation
// filled in later does not reshape it.
import { joinOne, RELATIONS, type ToMany } from './relations-sql.js';
import { perShape, type TicketRelation, type TicketShape } from './shape.js';

export interface TicketRowSql {
  /** `SELECT … FROM "Ticket" t [joins]`: the caller adds the WHERE clause on `t`. */
  select: string;
  decode: (values: unknown[]) => Record<string, unknown>;
  /** The shape's to-many relations, in shape order. */
  many: [TicketRelation, ToMany][];
}

const key = (k: string) => JSON.stringify(k);

/** The row statement and decoder of `shape`, with `manyValue(r)` selected for each to-many relation `r`. */
export function ticketRowSql(manyValue: (r: ToMany) => string): (shape: TicketShape) => TicketRowSql {
  return perShape((shape) => {
    // The id first: it keys and orders a page's rows.
    const columns = [...new Set(['id', ...shape.columns])];
    const select = columns.map((c) => `t."${c}"`);
    const fields = columns.map((c, i) => `${key(c)}: a[${i}]`);
    const joins: string[] = [];
    const many: [TicketRelation, ToMany][] = [];
    shape.relations.forEach((name, n) => {
      const r = RELATIONS[name];
      if (r.kind === 'many') {
        many.push([name, r]);
        fields.push(`${key(name)}: a[${select.length}]`);
        select.push(`${manyValue(r)} AS "${name}"`);
        return;
      }
      const { join, select: joined } = joinOne(name, r, `r${n}`);
      joins.push(join);
      const at = select.length;
      const keys = [...r.columns, ...Object.keys(r.nested ?? {})];
      // A missing row has a null id (its primary key), and so is no row.
      fields.push(`${key(name)}: a[${at}] === null ? null : { ${keys.map((k, i) => `${key(k)}: a[${at + i}]`).join(', ')} }`);
      select.push(...joined);
    });
    return {
      select: `SELECT ${select.join(', ')} FROM "Ticket" t${joins.map((j) => ` ${j}`).join('')}`,
      decode: new Function(`return (a) => ({ ${fields.join(', ')} });`)() as TicketRowSql['decode'],
      many,
    };
  });
}
