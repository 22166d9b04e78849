// Forwarding addresses ("emails"): the mailboxes tickets arrive through. Tickets created
// with forwarding_address_id record theirs, and filter rules can match on it.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boolInput } from '../../../http/wire-values.js';
import { createForwardingAddress, listForwardingAddresses } from '../../../domain/forwarding.js';
import { AuthQuery, errorResponses, ForwardingAddress } from '../schemas.js';
import * as map from '../mappers.js';
import { sbCtx } from '../request.js';

const Body = z.object({
  forwarding_address: z.object({
    name: z.string().trim().min(1).max(200),
    email: z.string().max(254).nullish(),
    filter_spam: boolInput().optional(),
    use_agent_name: boolInput().optional(),
  }),
});

export const emailRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];

  app.get(
    '/emails',
    { schema: { tags, summary: 'List forwarding addresses', querystring: AuthQuery, response: { 200: z.object({ forwarding_addresses: z.array(ForwardingAddress) }), ...errorResponses } } },
    async (req) => ({ forwarding_addresses: (await listForwardingAddresses(sbCtx(req))).map(map.forwardingAddress) }),
  );

  app.post(
    '/emails',
    {
      config: { idempotent: true },
      schema: { tags, summary: 'Create a forwarding address (admins only)', querystring: AuthQuery, body: Body, response: { 201: z.object({ forwarding_address: ForwardingAddress }), ...errorResponses } },
    },
    async (req, reply) => {
      const f = req.body.forwarding_address;
      const created = await createForwardingAddress(sbCtx(req), { name: f.name, email: f.email, filterSpam: f.filter_spam, useAgentName: f.use_agent_name });
      return reply.status(201).send({ forwarding_address: map.forwardingAddress(created) });
    },
  );
};
