// Assigning a ticket to a user or a team. A user on a team-assigned ticket must be a member
// of that team (400); a new team drops a user assignee who is not part of it.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lastEvent } from '../../../domain/catalog.js';
import type { Ctx } from '../../../domain/context.js';
import { EventAction } from '../../../domain/events.js';
import { updateTicket } from '../../../domain/tickets/update.js';
import type { TicketView } from '../../../domain/tickets/view.js';
import { AuthQuery, errorResponses, NoContent, Picture, TicketIdParams, UserCard } from '../schemas.js';
import * as map from '../mappers.js';
import { sbCtx } from '../request.js';
import { iso } from '../time.js';

const Id = z.coerce.number().int().positive().max(2147483647);
const Assignment = z.object({ id: z.number(), created_at: z.string(), ticket: z.object({ id: z.number() }) });
const UserAssigned = z.object({ user_assignment: Assignment, asignee: z.object({ user: UserCard }) });
const TeamAssigned = z.object({ team_assignment: Assignment, asignee: z.object({ team: z.object({ id: z.number(), name: z.string(), picture: Picture }) }) });

/** The assignment record: the event that made it (its id and time). */
async function assignment(ctx: Ctx, t: TicketView, action: typeof EventAction.assigned | typeof EventAction.teamAssigned) {
  const e = await lastEvent(ctx, t.id, action);
  return { id: e?.id ?? t.id, created_at: iso(e?.createdAt ?? t.assignedAt ?? t.updatedAt), ticket: { id: t.id } };
}

export const assignmentRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];
  const common = { tags, params: TicketIdParams, querystring: AuthQuery };

  app.post(
    '/tickets/:id/user_assignment',
    {
      config: { idempotent: true },
      schema: {
        ...common,
        summary: 'Assign a ticket to a user',
        description: 'If the ticket is assigned to a team, the user must be a member of that team.',
        body: z.object({ user_assignment: z.object({ user_id: Id }) }),
        response: { 201: UserAssigned, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = sbCtx(req);
      const { ticket } = await updateTicket(ctx, { id: req.params.id }, { assigneeId: req.body.user_assignment.user_id }, { assigneeMustBeInTeam: true });
      return reply.status(201).send({ user_assignment: await assignment(ctx, ticket, EventAction.assigned), asignee: { user: map.userCard(ticket.assignee!) } });
    },
  );

  app.post(
    '/tickets/:id/team_assignment',
    {
      config: { idempotent: true },
      schema: {
        ...common,
        summary: 'Assign a ticket to a team',
        description: 'A user assignee who is not a member of the new team is removed.',
        body: z.object({ team_assignment: z.object({ team_id: Id }) }),
        response: { 201: TeamAssigned, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = sbCtx(req);
      const { ticket } = await updateTicket(ctx, { id: req.params.id }, { teamId: req.body.team_assignment.team_id });
      return reply.status(201).send({ team_assignment: await assignment(ctx, ticket, EventAction.teamAssigned), asignee: { team: map.teamCard(ticket.team!) } });
    },
  );

  app.delete('/tickets/:id/user_assignment', { schema: { ...common, summary: 'Remove the user assignee', response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    await updateTicket(sbCtx(req), { id: req.params.id }, { assigneeId: null });
    return reply.status(204).send(null);
  });

  app.delete('/tickets/:id/team_assignment', { schema: { ...common, summary: 'Remove the team assignee', response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    await updateTicket(sbCtx(req), { id: req.params.id }, { teamId: null });
    return reply.status(204).send(null);
  });
};
