// What a read of many tickets loads: the columns and relations its caller renders. A list
// page of 1,000 tickets that reads only what its dialect shows sends a fraction of the
// data, and the type of what comes back names only those fields, so a renderer that
// starts using another one does not compile until its shape asks for it.
import { Prisma } from '../../generated/prisma/client.js';
import type { TicketView } from './view.js';
import { TICKET_RELATIONS, type TicketRelation } from './relations-sql.js';

export type TicketColumn = keyof typeof Prisma.TicketScalarFieldEnum;
export type { TicketRelation };

/** Every scalar column of Ticket, from the generated client: a new column is read without touching this file. */
export const TICKET_COLUMNS = Object.values(Prisma.TicketScalarFieldEnum) as TicketColumn[];

export interface TicketShape<C extends TicketColumn = TicketColumn, R extends TicketRelation = TicketRelation> {
  readonly columns: readonly C[];
  readonly relations: readonly R[];
}

/** A ticket as a shape reads it: the fields of the ticket view the shape names, and the id. */
export type ShapedTicket<S extends TicketShape> = Pick<TicketView, 'id' | S['columns'][number] | S['relations'][number]>;

export const ticketShape = <const C extends TicketColumn, const R extends TicketRelation>(columns: readonly C[], relations: readonly R[]): TicketShape<C, R> => ({ columns, relations });

/** `build` for each shape once (its statements), kept as long as the shape is. */
export function perShape<T>(build: (shape: TicketShape) => T): (shape: TicketShape) => T {
  const built = new WeakMap<TicketShape, T>();
  return (shape) => {
    let value = built.get(shape);
    if (value === undefined) built.set(shape, (value = build(shape)));
    return value;
  };
}

/** The whole ticket view. */
export const FULL_TICKET: TicketShape = ticketShape(TICKET_COLUMNS, TICKET_RELATIONS);
