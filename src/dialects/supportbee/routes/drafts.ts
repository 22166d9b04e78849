// Reply drafts, one per ticket and agent. GET without a saved draft returns a new one that
// quotes the last message (unless quote=false), its time shown in `time_zone`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteDraft, findDraft, lastPublicMessage, saveDraft, type DraftInput } from '../../../domain/drafts.js';
import { ValidationError } from '../../../domain/errors.js';
import { isValidTimeZone } from '../../../domain/time.js';
import { Addresses, AuthQuery, BoolParam, ContentIn, Draft, errorResponses, NoContent, TicketIdParams } from '../schemas.js';
import * as map from '../mappers.js';
import { attachmentIds } from '../content.js';
import { links, sbCtx } from '../request.js';
import { principalOf } from '../../../http/auth.js';

const DraftBody = z.object({ draft: z.object({ content: ContentIn.optional(), cc: Addresses.nullish(), bcc: Addresses.nullish() }) });
type DraftWire = z.output<typeof DraftBody>['draft'];

function draftInput(d: DraftWire): DraftInput {
  const input: DraftInput = {};
  if (d.content) {
    const b = map.body(d.content);
    input.bodyText = b.text;
    input.bodyHtml = b.html;
    if (d.content.attachment_ids !== undefined || d.content.attachments !== undefined) input.attachmentIds = attachmentIds(d.content);
  }
  if (d.cc !== undefined) input.cc = map.addresses(d.cc, 'cc');
  if (d.bcc !== undefined) input.bcc = map.addresses(d.bcc, 'bcc');
  return input;
}

export const draftRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];
  const common = { tags, params: TicketIdParams };
  const DraftOut = z.object({ draft: Draft });

  app.get(
    '/tickets/:id/draft',
    {
      schema: {
        ...common,
        summary: "Show the caller's reply draft",
        description: 'Without a saved draft, a new one quoting the last message (unless quote=false).',
        querystring: AuthQuery.extend({
          quote: BoolParam.optional().describe('false: no quoted content (default true)'),
          time_zone: z.string().max(64).default('UTC').describe('IANA time zone for quoted timestamps, e.g. America/New_York'),
        }),
        response: { 200: DraftOut, ...errorResponses },
      },
    },
    async (req) => {
      const { quote, time_zone } = req.query;
      if (!isValidTimeZone(time_zone)) throw ValidationError.field('time_zone', `unknown time zone ${time_zone}`);
      const ctx = sbCtx(req);
      const { ticketId, draft } = await findDraft(ctx, { id: req.params.id });
      if (draft) return { draft: map.draft(draft, links(req)) };
      const me = principalOf(req);
      const person = { id: me.userId, name: me.name, email: me.email, role: me.role };
      return { draft: map.newDraft(quote === false ? null : await lastPublicMessage(ctx, ticketId), time_zone, person, new Date()) };
    },
  );

  app.post(
    '/tickets/:id/draft',
    { config: { idempotent: true }, schema: { ...common, summary: 'Save a reply draft', description: 'Creates the draft, or replaces a saved one.', querystring: AuthQuery, body: DraftBody, response: { 201: DraftOut, ...errorResponses } } },
    async (req, reply) => {
      const d = await saveDraft(sbCtx(req), { id: req.params.id }, draftInput(req.body.draft), 'create');
      return reply.status(201).send({ draft: map.draft(d, links(req)) });
    },
  );

  app.put(
    '/tickets/:id/draft',
    { schema: { ...common, summary: 'Update the reply draft', description: 'Changes the given fields of the saved draft (404 without one).', querystring: AuthQuery, body: DraftBody, response: { 200: DraftOut, ...errorResponses } } },
    async (req) => ({ draft: map.draft(await saveDraft(sbCtx(req), { id: req.params.id }, draftInput(req.body.draft), 'update'), links(req)) }),
  );

  app.delete('/tickets/:id/draft', { schema: { ...common, summary: 'Delete the reply draft', querystring: AuthQuery, response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    await deleteDraft(sbCtx(req), { id: req.params.id });
    return reply.status(204).send(null);
  });
};
