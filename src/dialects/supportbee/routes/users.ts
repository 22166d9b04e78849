// Users and customer groups (users of type customer_group): list, create, show with recent
// tickets, update (never the token's own user: 403), and group members.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../../generated/prisma/client.js';
import { addGroupMember, createPerson, getPerson, listGroupMembers, listUsers, updatePerson } from '../../../domain/people.js';
import { listTickets } from '../../../domain/tickets/list.js';
import { AuthQuery, BoolParam, errorResponses, IdIn, IdParams, Ticket, User, UserIn } from '../schemas.js';
import * as map from '../mappers.js';
import { sbCtx } from '../request.js';
import { renderTickets } from './tickets.js';

const ROLES = ['admin', 'agent', 'collaborator', 'customer'] as const;

const ListQuery = AuthQuery.extend({
  with_invited: BoolParam.default(false).describe('Also return invited (unconfirmed) agents'),
  with_roles: z
    .string()
    .max(100)
    .default('admin,agent,collaborator')
    .describe('Comma-separated roles: admin, agent, collaborator, customer')
    .transform((v, ctx) => {
      const roles = v.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
      const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
      if (bad || !roles.length) ctx.addIssue({ code: 'custom', message: `with_roles must list admin, agent, collaborator or customer${bad ? ` (not ${bad})` : ''}` });
      return roles as Role[];
    }),
  type: z.enum(['user', 'customer_group']).default('user'),
});

const ShowQuery = AuthQuery.extend({
  max_tickets: z
    .union([z.literal('false'), z.coerce.number().int().min(0).max(1000)])
    .default(5)
    .describe('How many of the tickets this user requested, newest first; false for all'),
});

const UserParams = z.object({ id: IdParams.shape.id.describe('The user ID') });
const GroupParams = z.object({ id: IdParams.shape.id.describe('The ID of the customer group') });

export const userRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users',
        description: 'Staff by role (default admin, agent, collaborator), or the customer groups with type=customer_group.',
        querystring: ListQuery,
        response: { 200: z.object({ users: z.array(User) }), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const users = await listUsers(sbCtx(req), { type: q.type, roles: q.with_roles, withInvited: q.with_invited });
      return { users: users.map(map.user) };
    },
  );

  app.post(
    '/users',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a user or a customer group',
        description: 'role: 10 agent, 20 admin, 30 collaborator, 40 customer (or the name); type customer_group creates a customer group. Only admins create staff users.',
        querystring: AuthQuery,
        body: z.object({ user: UserIn }),
        response: { 201: z.object({ user: User }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ user: map.user(await createPerson(sbCtx(req), map.userInput(req.body.user))) }),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Show a user',
        description: 'With the most recent tickets the user requested (max_tickets, default 5; false for all).',
        params: UserParams,
        querystring: ShowQuery,
        response: { 200: z.object({ user: User.extend({ tickets: z.array(Ticket) }) }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = sbCtx(req);
      const person = await getPerson(ctx, req.params.id);
      const max = req.query.max_tickets;
      const page =
        max === 0
          ? { tickets: [] }
          : await listTickets(ctx, { requesterId: person.id, spam: false, trashed: false }, { shape: map.WIRE_TICKET, sort: 'createdAt', order: 'desc', perPage: max === 'false' ? Math.max(1, person.requestedTicketsCount) : max });
      return { user: { ...map.user(person), tickets: renderTickets(req, page.tickets) } };
    },
  );

  app.put(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Update a user',
        description: 'Fields left out are not changed. The user whose API token is used cannot be updated (403).',
        params: UserParams,
        querystring: AuthQuery,
        body: z.object({ user: UserIn }),
        response: { 200: z.object({ user: User }), ...errorResponses },
      },
    },
    async (req) => ({ user: map.user(await updatePerson(sbCtx(req), req.params.id, map.userInput(req.body.user))) }),
  );

  app.get(
    '/users/:id/members',
    { schema: { tags, summary: 'List the members of a customer group', params: GroupParams, querystring: AuthQuery, response: { 200: z.object({ users: z.array(User) }), ...errorResponses } } },
    async (req) => ({ users: (await listGroupMembers(sbCtx(req), req.params.id)).map(map.user) }),
  );

  app.post(
    '/users/:id/members',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add a customer to a customer group',
        description: 'Returns the member. Only customers can be members; the id must be a customer group.',
        params: GroupParams,
        querystring: AuthQuery,
        body: z.object({ member: z.object({ id: IdIn }) }),
        response: { 201: z.object({ user: User }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ user: map.user(await addGroupMember(sbCtx(req), req.params.id, req.body.member.id)) }),
  );
};
