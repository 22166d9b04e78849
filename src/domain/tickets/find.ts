// Looking a ticket up by any of its identities, always inside the caller's workspace.
import type { Prisma } from '../../generated/prisma/client.js';
import type { Ctx, Tx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { TicketView } from './view.js';
import { queryTicketViews } from './read-sql.js';

export type TicketKey = { id: number } | { uuid: string } | { number: number } | { ref: string };

export interface FindOptions {
  /**
   * When the key names a ticket of another workspace, throw ForbiddenError instead of
   * NotFoundError (Suptask answers 403 there; every other dialect 404).
   */
  revealForeign?: boolean;
}

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

/** The ticket's primary key, or a NotFound/Forbidden error. Cheap: selects the id only. */
export async function resolveTicketId(ctx: Ctx | { db: Tx; workspaceId: number }, key: TicketKey, opts: FindOptions = {}): Promise<number> {
  const keyValue = Object.values(key)[0] as string | number;
  if (!keyIsWellFormed(key)) throw new NotFoundError('ticket', keyValue);
  const row = await ctx.db.ticket.findFirst({ where: keyWhere(ctx.workspaceId, key), select: { id: true } });
  if (row) return row.id;
  if (opts.revealForeign && ('id' in key || 'uuid' in key)) {
    const foreign = await ctx.db.ticket.findFirst({ where: 'id' in key ? { id: key.id } : { uuid: key.uuid.toLowerCase() }, select: { id: true } });
    if (foreign) throw new ForbiddenError('ticket belongs to a different team');
  }
  if (opts.revealForeign && 'number' in key) {
    // Numbers are per workspace; another workspace holding this number (and this one not) is the 403 case.
    const foreign = await ctx.db.ticket.findFirst({ where: { number: key.number, NOT: { workspaceId: ctx.workspaceId } }, select: { id: true } });
    if (foreign) throw new ForbiddenError('ticket belongs to a different team');
  }
  throw new NotFoundError('ticket', keyValue);
}

export async function getTicket(ctx: Ctx, key: TicketKey, opts: FindOptions = {}): Promise<TicketView> {
  // One statement on the hot path; the id-only lookup runs only to explain a miss.
  if (keyIsWellFormed(key)) {
    const [by, value] = keyArgs(key);
    const [t] = await queryTicketViews(ctx.db, ctx.workspaceId, by, value);
    if (t) return t;
  }
  await resolveTicketId(ctx, key, opts);
  throw new NotFoundError('ticket');
}

/** The key as read-sql arguments, normalised as keyWhere does. */
function keyArgs(key: TicketKey): ['id' | 'number' | 'uuid' | 'ref', number | string] {
  if ('id' in key) return ['id', key.id];
  if ('number' in key) return ['number', key.number];
  if ('uuid' in key) return ['uuid', key.uuid.toLowerCase()];
  return ['ref', key.ref.toUpperCase()];
}

export async function loadTicket(db: Tx, workspaceId: number, id: number): Promise<TicketView> {
  const [t] = await queryTicketViews(db, workspaceId, 'id', id);
  if (!t) throw new NotFoundError('ticket');
  return t;
}
