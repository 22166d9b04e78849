// POST /ticket/external/{ticketId} and POST /ticket/reply/{ticketId}.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { upsertExternalRef } from '../../../domain/external-refs.js';
import { addMessages, type MessageInput } from '../../../domain/messages.js';
import { ctxOf } from '../../../http/context.js';
import { errorResponses, ExternalTicketBody, ReplyBody, Success, TicketIdParams } from '../schemas.js';

const tags = ['suptask'];

export const actionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/ticket/external/:ticketId',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create or associate an external ticket',
        description: 'Posting the same externalId and integrationType again updates that reference.',
        operationId: 'createExternalTicket',
        params: TicketIdParams,
        body: ExternalTicketBody,
        response: { 201: Success, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { created } = await upsertExternalRef(ctxOf(req), { uuid: req.params.ticketId }, req.body);
      return reply.status(201).send({ success: true, message: created ? 'External ticket associated successfully' : 'External ticket updated successfully' });
    },
  );

  app.post(
    '/ticket/reply/:ticketId',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Post a new reply to a ticket',
        description: 'channel ["Requester"] posts a public reply, ["Responder"] an internal note, both posts both.',
        operationId: 'replyTicket',
        params: TicketIdParams,
        body: ReplyBody,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (req) => {
      const { text, username, channel = ['Requester'] } = req.body;
      const kinds = [...new Set(channel)].map((c): 'reply' | 'note' => (c === 'Requester' ? 'reply' : 'note'));
      const inputs: MessageInput[] = kinds.map((kind) => ({ kind, bodyText: text, authorName: username ?? null }));
      await addMessages(ctxOf(req), { uuid: req.params.ticketId }, inputs);
      return { success: true, message: kinds.length > 1 ? 'Reply and internal note posted successfully' : kinds[0] === 'reply' ? 'Reply posted successfully' : 'Internal note posted successfully' };
    },
  );
};
