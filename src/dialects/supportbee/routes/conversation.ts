// Replies (public, to the requester) and comments (internal notes). A reply by an agent
// clears `unanswered`, bumps the counters and last activity and records the first response.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAssignableUser } from '../../../domain/users.js';
import { addMessage, getMessage, listMessages } from '../../../domain/messages.js';
import { Addresses, AuthQuery, Comment, ContentIn, errorResponses, Reply, TicketIdParams, TicketReplyParams } from '../schemas.js';
import * as map from '../mappers.js';
import { attachmentIds } from '../content.js';
import { links, sbCtx } from '../request.js';

const ReplyBody = z.object({
  reply: z.object({
    cc: Addresses.nullish(),
    bcc: Addresses.nullish(),
    content: ContentIn,
    replier_id: z.coerce.number().int().positive().max(2147483647).optional().describe('Admins may reply on behalf of an agent'),
  }),
});
const CommentBody = z.object({ comment: z.object({ content: ContentIn }) });

export const conversationRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];
  const common = { tags, params: TicketIdParams, querystring: AuthQuery };

  app.get('/tickets/:id/replies', { schema: { ...common, summary: 'List the replies of a ticket', response: { 200: z.object({ replies: z.array(Reply) }), ...errorResponses } } }, async (req) => {
    const l = links(req);
    return { replies: (await listMessages(sbCtx(req), { id: req.params.id }, 'reply')).map((m) => map.reply(m, l)) };
  });

  app.post(
    '/tickets/:id/replies',
    { config: { idempotent: true }, schema: { ...common, summary: 'Reply to a ticket', description: 'Admins may reply on behalf of an agent with `replier_id`.', body: ReplyBody, response: { 201: z.object({ reply: Reply }), ...errorResponses } } },
    async (req, reply) => {
      const ctx = sbCtx(req);
      const r = req.body.reply;
      // Who may reply on behalf of another agent is the domain policy's business (message.on_behalf).
      if (r.replier_id !== undefined && r.replier_id !== ctx.actor!.userId) await requireAssignableUser(ctx.db, ctx.workspaceId, { id: r.replier_id }, 'replier_id');
      const b = map.body(r.content);
      const { message } = await addMessage(ctx, { id: req.params.id }, {
        kind: 'reply',
        bodyText: b.text,
        // A text-only reply stays text-only: SupportBee answers it with html null.
        bodyHtml: r.content?.html?.trim() ? b.html : null,
        authorId: r.replier_id,
        cc: map.addresses(r.cc, 'cc'),
        bcc: map.addresses(r.bcc, 'bcc'),
        attachmentIds: attachmentIds(r.content),
      });
      return reply.status(201).send({ reply: map.reply(message, links(req)) });
    },
  );

  app.get(
    '/tickets/:ticket_id/replies/:id',
    { schema: { tags, summary: 'Show a reply', params: TicketReplyParams, querystring: AuthQuery, response: { 200: Reply, ...errorResponses } } },
    async (req) => map.reply(await getMessage(sbCtx(req), { id: req.params.ticket_id }, req.params.id, 'reply'), links(req)),
  );

  app.get('/tickets/:id/comments', { schema: { ...common, summary: 'List the comments of a ticket', response: { 200: z.object({ comments: z.array(Comment) }), ...errorResponses } } }, async (req) => {
    const l = links(req);
    return { comments: (await listMessages(sbCtx(req), { id: req.params.id }, 'note')).map((m) => map.comment(m, l)) };
  });

  app.post(
    '/tickets/:id/comments',
    { config: { idempotent: true }, schema: { ...common, summary: 'Comment on a ticket (internal note)', body: CommentBody, response: { 201: z.object({ comment: Comment }), ...errorResponses } } },
    async (req, reply) => {
      const c = req.body.comment.content;
      const b = map.body(c);
      const { message } = await addMessage(sbCtx(req), { id: req.params.id }, { kind: 'note', bodyText: b.text, bodyHtml: b.html, attachmentIds: attachmentIds(c) });
      return reply.status(201).send({ comment: map.comment(message, links(req)) });
    },
  );
};
