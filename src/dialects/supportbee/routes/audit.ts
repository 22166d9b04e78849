// The audit trail: every event of the ticket, oldest first.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEvents } from '../../../domain/events.js';
import { getTicket } from '../../../domain/tickets/find.js';
import { AuditEntry, AuthQuery, errorResponses, TicketIdParams } from '../schemas.js';
import * as map from '../mappers.js';
import { sbCtx } from '../request.js';

export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/tickets/:id/audit',
    { schema: { tags: ['supportbee'], summary: 'The audit trail of a ticket', params: TicketIdParams, querystring: AuthQuery, response: { 200: z.object({ audit: z.array(AuditEntry) }), ...errorResponses } } },
    async (req) => {
      const ctx = sbCtx(req);
      const ticket = await getTicket(ctx, { id: req.params.id });
      // Anonymous (web form) actions are the requester's.
      const requester = ticket.requester ? { name: ticket.requester.name, email: ticket.requester.email } : null;
      const events = await listEvents(ctx.db, ctx.workspaceId, ticket.id, 'asc');
      return { audit: events.map((e) => map.auditEntry(e, requester)) };
    },
  );
};
