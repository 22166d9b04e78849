// Looking a ticket up by any of its identities, always inside the caller's workspace.
import type { Prisma } from '../../generated/prisma/client.js';
import type { Ctx, Tx } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { TicketView } from './view.js';
import { queryTicketView, type KeyKind } from './read-sql.js';
import type { FULL_TICKET, ShapedTicket, TicketShape } from './shape.js';

export type TicketKey = { id: number } | { uuid: string } | { number: number } | { ref: string };

/** Lookup options (none at present). A ticket of another workspace is never told apart from a missing one. */
export interface FindOptions {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function keyWhere(workspaceId: number, key: TicketKey): Prisma.TicketWhereInput {
  if ('id' in key) return { workspaceId, id: key.id };
  if ('uuid' in key) return { workspaceId, uuid: key.uuid.toLowerCase() };
  if ('number' in key) return { workspaceId, number: key.number };
  return { workspaceId, ref: key.ref.toUpperCase() };
}

function keyIsWellFormed(key: TicketKey): boolean {
  if ('id' in key) return Number.isSafeInteger(key.id) && key.id > 0 && key.id <= 2147483647;
  if ('number' in key) return Number.isSafeInteger(key.number) && key.number > 0 && key.number <= 2147483647;
  if ('uuid' in key) return UUID.test(key.uuid);
  return key.ref.length > 0 && key.ref.length < 64;
}

/** The ticket's primary key, or NotFoundError. Cheap: selects the id only. */
export async function resolveTicketId(ctx: Ctx | { db: Tx; workspaceId: number }, key: TicketKey, _opts: FindOptions = {}): Promise<number> {
  const keyValue = Object.values(key)[0] as string | number;
  if (!keyIsWellFormed(key)) throw new NotFoundError('ticket', keyValue);
  const row = await ctx.db.ticket.findFirst({ where: keyWhere(ctx.workspaceId, key), select: { id: true } });
  if (row) return row.id;
  throw new NotFoundError('ticket', keyValue);
}

/** The ticket, as `shape` reads it (default: the whole ticket view), or NotFoundError. */
export async function getTicket<S extends TicketShape = typeof FULL_TICKET>(ctx: Ctx, key: TicketKey, opts: FindOptions & { shape?: S } = {}): Promise<ShapedTicket<S>> {
  // One statement on the hot path; the id-only lookup runs only to explain a miss.
  if (keyIsWellFormed(key)) {
    const [by, value] = keyArgs(key);
    const t = await queryTicketView(ctx.db, ctx.workspaceId, by, value, opts.shape);
    if (t) return t;
  }
  await resolveTicketId(ctx, key, opts);
  throw new NotFoundError('ticket');
}

/** The key as read-sql arguments, normalised as keyWhere does. */
function keyArgs(key: TicketKey): [KeyKind, number | string] {
  if ('id' in key) return ['id', key.id];
  if ('number' in key) return ['number', key.number];
  if ('uuid' in key) return ['uuid', key.uuid.toLowerCase()];
  return ['ref', key.ref.toUpperCase()];
}

export async function loadTicket(db: Tx, workspaceId: number, id: number): Promise<TicketView> {
  const t = await queryTicketView(db, workspaceId, 'id', id);
  if (!t) throw new NotFoundError('ticket');
  return t;
}
