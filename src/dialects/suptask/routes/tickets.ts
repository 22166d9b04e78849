// POST /ticket, GET /ticket/{ticketNumber}, PATCH and DELETE /ticket/{ticketId}.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createTicket } from '../../../domain/tickets/create.js';
import { getTicket } from '../../../domain/tickets/find.js';
import { deleteTicket, updateTicket } from '../../../domain/tickets/update.js';
import { principalOf } from '../../../http/auth.js';
import { ctxOf } from '../../../http/context.js';
import { createInput, patchInput, toWireTicket } from '../mappers.js';
import { ticketReadLimit } from '../rate-limit.js';
import { Created, CreateTicketBody, errorResponses, Message, Success, Ticket, TicketIdParams, TicketNumberParams, UpdateTicketBody } from '../schemas.js';
import { countTicketCreated } from '../../../http/metrics.js';

const tags = ['suptask'];

export const ticketRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/ticket',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a new ticket',
        operationId: 'createTicket',
        body: CreateTicketBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ticket = await createTicket(ctxOf(req), createInput(req.body, principalOf(req).userId));
      countTicketCreated(req);
      return reply.status(201).send({ ticketId: ticket.uuid });
    },
  );

  app.get(
    '/ticket/:ticketNumber',
    {
      config: { rateLimit: ticketReadLimit(app) },
      schema: {
        tags,
        summary: 'Get a ticket by ticket number',
        description: 'Rate limited per person, whatever token or JWT they use (default 100 requests per 15 minutes); X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (ISO 8601) on every answer, Retry-After (seconds) on 429.',
        operationId: 'getTicketByNumber',
        params: TicketNumberParams,
        response: { 200: Ticket, 403: Message, 429: Message, ...errorResponses },
      },
    },
    async (req) => {
      // Another team's ticket is answered exactly like a missing one (404): no existence oracle.
      const ticket = await getTicket(ctxOf(req), { number: req.params.ticketNumber });
      return toWireTicket(ticket, principalOf(req).workspaceSlug);
    },
  );

  app.patch(
    '/ticket/:ticketId',
    {
      schema: {
        tags,
        summary: 'Update an existing ticket',
        operationId: 'updateTicket',
        params: TicketIdParams,
        body: UpdateTicketBody,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (req) => {
      await updateTicket(ctxOf(req), { uuid: req.params.ticketId }, patchInput(req.body));
      return { success: true, message: 'Ticket updated successfully' };
    },
  );

  app.delete(
    '/ticket/:ticketId',
    {
      schema: {
        tags,
        summary: 'Delete a ticket',
        operationId: 'deleteTicket',
        params: TicketIdParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (req) => {
      await deleteTicket(ctxOf(req), { uuid: req.params.ticketId });
      return { success: true, message: 'Ticket deleted successfully' };
    },
  );
};
