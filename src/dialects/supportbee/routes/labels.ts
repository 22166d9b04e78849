// Labels: the workspace's labels, and adding/removing one on a ticket. Labels must exist
// (404 otherwise); adding one twice or removing one the ticket lacks is harmless.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findLabel, listLabels } from '../../../domain/catalog.js';
import { updateTicket } from '../../../domain/tickets/update.js';
import { AuthQuery, errorResponses, LabelOut, NoContent, TicketLabelParams } from '../schemas.js';
import { sbCtx } from '../request.js';

export const labelRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];

  app.get('/labels', { schema: { tags, summary: 'List the labels of the company', querystring: AuthQuery, response: { 200: z.object({ labels: z.array(LabelOut) }), ...errorResponses } } }, async (req) => ({
    labels: (await listLabels(sbCtx(req))).map((l) => ({ name: l.name, color: l.color })),
  }));

  app.post(
    '/tickets/:ticket_id/labels/:label_name',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add a label to a ticket',
        description: 'The label must already exist in the company.',
        params: TicketLabelParams,
        querystring: AuthQuery,
        response: { 201: z.object({ label: z.object({ id: z.number(), label: z.string(), ticket: z.number() }) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { ticket } = await updateTicket(sbCtx(req), { id: req.params.ticket_id }, { addLabels: [req.params.label_name], labelMode: 'existing' });
      const wanted = req.params.label_name.trim().toLowerCase();
      const label = ticket.labels.find((l) => l.label.name.toLowerCase() === wanted)!.label;
      return reply.status(201).send({ label: { id: label.id, label: label.name, ticket: ticket.id } });
    },
  );

  app.delete(
    '/tickets/:ticket_id/labels/:label_name',
    { schema: { tags, summary: 'Remove a label from a ticket', params: TicketLabelParams, querystring: AuthQuery, response: { 204: NoContent, ...errorResponses } } },
    async (req, reply) => {
      const ctx = sbCtx(req);
      const label = await findLabel(ctx, req.params.label_name);
      await updateTicket(ctx, { id: req.params.ticket_id }, { removeLabels: [label.name] });
      return reply.status(204).send(null);
    },
  );
};
