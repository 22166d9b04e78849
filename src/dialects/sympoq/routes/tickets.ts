// Reading tickets: one ticket (with its event log on request), the filtered list, and the
// attachment downloads the event log links to.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../http/context.js';
import { getTicket, resolveTicketId } from '../../../domain/tickets/find.js';
import { listTickets, type TicketFilter } from '../../../domain/tickets/list.js';
import { findAttachment, openAttachment } from '../../../domain/attachments/store.js';
import { downloadHeaders } from '../../../http/download.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseDateRange } from '../formats.js';
import { loadRenderContext, ticketToWire, WIRE_TICKET } from '../mappers.js';
import { renderTicket, ticketKey } from '../render.js';
import { statusesOf } from '../values.js';
import { AttachmentParams, AuthHeaders, ErrorResponses, ListParams, ListQuery, Ticket, TicketHeaders, TicketId } from '../wire.js';

const tags = ['sympoq'];
const isAny = (s: string): boolean => s.toLowerCase() === 'any';
const idOrAny = (s: string): number | undefined => (isAny(s) ? undefined : Number(s));

/** Sympoq answers at most this many tickets per list. */
const LIST_CAP = 1000;

export const ticketReadRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/app/desk/api/ticket/:id',
    { schema: { tags, summary: 'View a ticket', description: 'Header `event_log: 1` adds the event log, newest first.', params: TicketId, headers: TicketHeaders, response: { 200: Ticket, ...ErrorResponses } } },
    async (req) => {
      const ctx = ctxOf(req);
      return renderTicket(req, ctx, await getTicket(ctx, ticketKey(req.params.id), { shape: WIRE_TICKET }));
    },
  );

  app.get(
    '/app/desk/api/tickets/:queue/:status/:topic/:group/:assignee/:from/:to/:search',
    {
      schema: {
        tags,
        summary: 'Filter and list tickets',
        description: '`any` matches every value of a segment (`*` or `any` for search); status `0` = not closed. Dates use the workspace date format (default DD-MON-YYYY, e.g. 02-SEP-2023). Oldest first.',
        params: ListParams,
        querystring: ListQuery,
        headers: AuthHeaders,
        response: { 200: z.array(Ticket).describe('At most 1000 tickets; `X-Truncated: true` and `X-Next-Page` say when more match'), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const p = req.params;
      // The render context is read beside the list; the filter needs its date formats only
      // when it has dates.
      const context = loadRenderContext(ctx);
      context.catch(() => {}); // awaited below; a bad filter must not leave it unobserved
      const formats = isAny(p.from) && isAny(p.to) ? null : (await context).formats;
      const filter: TicketFilter = {
        queueId: idOrAny(p.queue),
        topicId: idOrAny(p.topic),
        customerGroupId: idOrAny(p.group),
        assigneeId: idOrAny(p.assignee),
      };
      if (p.status === '0') filter.closed = false;
      else if (!isAny(p.status)) filter.status = statusesOf(Number(p.status));
      if (formats && !isAny(p.from)) filter.createdFrom = parseDateRange(p.from, formats, 'from').from;
      if (formats && !isAny(p.to)) filter.createdTo = parseDateRange(p.to, formats, 'to').to;
      const search = p.search.trim();
      if (search && search !== '*' && !isAny(search)) filter.search = search;
      const perPage = req.query.per_page ?? LIST_CAP;
      const pageNo = req.query.page ?? 1;
      // One id past the page tells a client its list was cut.
      const [rc, page] = await Promise.all([context, listTickets(ctx, filter, { shape: WIRE_TICKET, sort: 'createdAt', order: 'asc', page: pageNo, perPage, peekNext: true })]);
      if (page.more) reply.header('x-truncated', 'true').header('x-next-page', String(pageNo + 1));
      return page.tickets.map((t) => ticketToWire(t, rc));
    },
  );

  app.get(
    '/app/desk/api/ticket/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment of a ticket',
        description: 'The `attachment_url` of Attachment entries in the event log.',
        params: AttachmentParams,
        headers: AuthHeaders,
        produces: ['application/octet-stream', 'application/json'],
        response: { 200: z.any().describe('The file'), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const ticketId = await resolveTicketId(ctx, ticketKey(req.params.id));
      const a = await findAttachment(ctx, req.params.attachmentId);
      if (a.ticketId !== ticketId) throw new NotFoundError('attachment', a.id);
      const file = await openAttachment(req.server.attachmentStore, a.storagePath);
      return downloadHeaders(reply, { ...a, size: file.size }).send(file.stream);
    },
  );
};
