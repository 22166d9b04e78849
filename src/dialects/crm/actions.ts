// Ticket setters: PUT /api/tickets/{id}/status, /archive, /restore and /tags.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.js';
import { updateTicket } from '../../domain/tickets/update.js';
import type { TicketPatch } from '../../domain/tickets/patch.js';
import { parseTags, STATUS_IDS, STATUS_WRITE, ticketToWire, type CrmStatusId } from './mappers.js';
import { consumes, data, enumInput, errors404, errors422, TagsFields, Ticket, TicketParams } from './wire.js';

const tags = ['crm'];
const response = { 200: data(Ticket), ...errors404 };
const validated = { 200: data(Ticket), ...errors422 };

const StatusBody = z
  .looseObject({
    status: z
      .union([z.number(), z.string()], { error: 'The status field is required.' })
      .transform((v) => String(v).trim())
      .pipe(enumInput('status', STATUS_IDS))
      .describe('ticketstatus_id: 1 Open, 2 Closed, 3 On Hold, 4 Answered, 5 Customer Replied'),
  })


// No body (or no tags) clears: a form with nothing ticked sends no key at all.
const TagsBody = z.looseObject(TagsFields);

async function patchTicket(req: FastifyRequest, id: number, patch: TicketPatch) {
  const { ticket } = await updateTicket(ctxOf(req), { id }, patch);
  return { data: ticketToWire(ticket) };
}

export const actionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.put(
    '/api/tickets/:id/status',
    { schema: { tags, summary: 'Change the status', description: 'Sets `dates.status_changed` when the status changes.', params: TicketParams, body: StatusBody, consumes, response: validated } },
    (req) => patchTicket(req, req.params.id, { status: STATUS_WRITE[Number(req.body.status) as CrmStatusId] }),
  );

  app.put(
    '/api/tickets/:id/archive',
    { schema: { tags, summary: 'Archive a ticket', description: 'Sets `active_state` to archived; archived tickets leave the default list.', params: TicketParams, response } },
    (req) => patchTicket(req, req.params.id, { archived: true }),
  );

  app.put(
    '/api/tickets/:id/restore',
    { schema: { tags, summary: 'Restore an archived ticket', description: 'Sets `active_state` back to active.', params: TicketParams, response } },
    (req) => patchTicket(req, req.params.id, { archived: false }),
  );

  app.put(
    '/api/tickets/:id/tags',
    {
      schema: {
        tags,
        summary: 'Set the tags',
        description: 'Full-set replace: the ticket ends with exactly these tags (created when new). An empty or absent list clears them.',
        params: TicketParams,
        body: TagsBody,
        consumes,
        response: validated,
      },
    },
    (req) => patchTicket(req, req.params.id, { labels: parseTags(req.body['tags[]'], req.body.tags), labelMode: 'create' }),
  );
};
