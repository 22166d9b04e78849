// The conversation: GET|POST /api/tickets/{id}/replies, DELETE .../replies/{reply_id}.
// Silent semantics: posting records the message and updates the ticket; nothing is e-mailed.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.js';
import { addMessage, deleteMessage, listMessages } from '../../domain/messages.js';
import { replyToWire } from './mappers.js';
import { data, Deleted, enumInput, errors404, errors422, consumes, page, Reply, ReplyParams, textInput, TicketParams } from './wire.js';

const tags = ['crm'];

const ReplyBody = z
  .looseObject({
    ticketreply_text: textInput('ticketreply_text').describe('The message'),
    ticketreply_type: enumInput('ticketreply_type', ['reply', 'note'] as const).optional().describe('reply (default) or note (internal)'),
  })


export const replyRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/tickets/:id/replies',
    {
      schema: {
        tags,
        summary: 'List the conversation',
        description: 'Replies and notes, oldest first, in one page.',
        params: TicketParams,
        response: { 200: page(Reply), ...errors404 },
      },
    },
    async (req) => {
      const messages = await listMessages(ctxOf(req), { id: req.params.id });
      return { data: messages.map(replyToWire), meta: { current_page: 1, per_page: Math.max(1, messages.length), total: messages.length, last_page: 1 } };
    },
  );

  app.post(
    '/api/tickets/:id/replies',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Post a reply',
        description: "Updates the ticket's `dates.last_updated` and `replies_count`; sends no e-mail.",
        params: TicketParams,
        body: ReplyBody,
        consumes,
        response: { 201: data(Reply), ...errors422 },
      },
    },
    async (req, reply) => {
      const { message } = await addMessage(ctxOf(req), { id: req.params.id }, { kind: req.body.ticketreply_type ?? 'reply', bodyText: req.body.ticketreply_text });
      return reply.status(201).send({ data: replyToWire(message) });
    },
  );

  app.delete(
    '/api/tickets/:id/replies/:reply_id',
    { schema: { tags, summary: 'Delete a reply', params: ReplyParams, response: { 200: Deleted, ...errors404 } } },
    async (req) => {
      const id = req.params.reply_id;
      await deleteMessage(ctxOf(req), { id: req.params.id }, id);
      return { data: { id, deleted: true as const } };
    },
  );
};
