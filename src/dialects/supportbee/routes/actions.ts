// Ticket actions (204, no body): archive, answered, spam, trash and their DELETE undo.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TicketPatch } from '../../../domain/tickets/patch.js';
import { updateTicket } from '../../../domain/tickets/update.js';
import { AuthQuery, errorResponses, NoContent, TicketIdParams } from '../schemas.js';
import { sbCtx } from '../request.js';

const ACTIONS: Record<string, { patch: (on: boolean) => TicketPatch; on: string; off: string }> = {
  archive: { patch: (on) => ({ archived: on }), on: 'Archive a ticket', off: 'Unarchive a ticket' },
  answered: { patch: (on) => ({ unanswered: !on }), on: 'Mark a ticket as answered', off: 'Mark a ticket as unanswered' },
  spam: { patch: (on) => ({ spam: on }), on: 'Mark a ticket as spam', off: 'Unmark a ticket as spam' },
  trash: { patch: (on) => ({ trashed: on }), on: 'Trash a ticket', off: 'Restore a ticket from the trash' },
};

export const actionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];
  for (const [name, a] of Object.entries(ACTIONS)) {
    for (const on of [true, false]) {
      const schema = { tags, summary: on ? a.on : a.off, params: TicketIdParams, querystring: AuthQuery, response: { 204: NoContent, ...errorResponses } };
      app.route({
        method: on ? 'POST' : 'DELETE',
        url: `/tickets/:id/${name}`,
        schema,
        handler: async (req, reply) => {
          await updateTicket(sbCtx(req), { id: req.params.id }, a.patch(on));
          return reply.status(204).send(null);
        },
      });
    }
  }
};
