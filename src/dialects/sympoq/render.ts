// Answering with a ticket: the wire ticket, plus its event log when the request asks for it
// with the `event_log: 1` header (every single-ticket answer honours it).
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../domain/context.js';
import type { TicketKey } from '../../domain/tickets/find.js';
import type { ShapedTicket } from '../../domain/tickets/shape.js';
import { publicBase } from '../../http/public-url.js';
import { eventToWire, loadRenderContext, loadRenderContextWithEvents, ticketToWire, type WIRE_TICKET } from './mappers.js';
import type { WireTicket } from './wire.js';

/** Sympoq ids are refs; a bare number is taken as the workspace ticket number (the seed's `/reply/1`). */
export const ticketKey = (id: string): TicketKey => (/^\d{1,9}$/.test(id) ? { number: Number(id) } : { ref: id });

export const wantsEventLog = (req: FastifyRequest): boolean => ['1', 'true'].includes(String(req.headers['event_log'] ?? '').trim().toLowerCase());

/** Base URL of this dialect (PUBLIC_URL and prefix), for links in answers. */
export function baseUrl(req: FastifyRequest): string {
  return `${publicBase(req)}${req.server.prefix}`;
}

export async function renderTicket(req: FastifyRequest, ctx: Ctx, t: ShapedTicket<typeof WIRE_TICKET>): Promise<WireTicket> {
  if (!wantsEventLog(req)) return ticketToWire(t, await loadRenderContext(ctx));
  const { rc, events } = await loadRenderContextWithEvents(ctx, t.id);
  const wire = ticketToWire(t, rc);
  const base = `${baseUrl(req)}/app/desk/api/ticket/${encodeURIComponent(t.ref)}/attachments/`;
  return { ...wire, event_log: events.map((e) => eventToWire(e, rc.formats, (id) => base + id)) };
}
