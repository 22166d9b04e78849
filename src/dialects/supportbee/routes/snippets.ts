// Snippets: canned responses with a name, tags and text/HTML content.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSnippet, deleteSnippet, listSnippets, updateSnippet, type SnippetInput } from '../../../domain/snippets.js';
import { normalizeBody } from '../../../domain/html.js';
import { AuthQuery, errorResponses, IdParams, NoContent, Snippet, SnippetIn } from '../schemas.js';
import * as map from '../mappers.js';
import { sbCtx } from '../request.js';

const Body = z.object({ snippet: SnippetIn });
const Params = z.object({ id: IdParams.shape.id.describe('The ID of the snippet') });

/** Only the fields sent; HTML is sanitized like every other content. */
function input(s: z.output<typeof SnippetIn>): SnippetInput {
  const c = s.content;
  return { name: s.name, tags: s.tags, text: c?.text ?? undefined, html: c?.html == null ? undefined : (normalizeBody({ html: c.html }).html ?? '') };
}

export const snippetRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];

  app.get('/snippets', { schema: { tags, summary: 'List snippets', querystring: AuthQuery, response: { 200: z.object({ snippets: z.array(Snippet) }), ...errorResponses } } }, async (req) => ({
    snippets: (await listSnippets(sbCtx(req))).map(map.snippet),
  }));

  app.post(
    '/snippets',
    { config: { idempotent: true }, schema: { tags, summary: 'Create a snippet', querystring: AuthQuery, body: Body, response: { 201: z.object({ snippet: Snippet }), ...errorResponses } } },
    async (req, reply) => reply.status(201).send({ snippet: map.snippet(await createSnippet(sbCtx(req), input(req.body.snippet))) }),
  );

  app.put(
    '/snippets/:id',
    {
      schema: { tags, summary: 'Update a snippet', description: 'Fields left out are not changed.', params: Params, querystring: AuthQuery, body: Body, response: { 200: z.object({ snippet: Snippet }), ...errorResponses } },
    },
    async (req) => ({ snippet: map.snippet(await updateSnippet(sbCtx(req), req.params.id, input(req.body.snippet))) }),
  );

  app.delete('/snippets/:id', { schema: { tags, summary: 'Delete a snippet', params: Params, querystring: AuthQuery, response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    await deleteSnippet(sbCtx(req), req.params.id);
    return reply.status(204).send(null);
  });
};
