// Teams of the company: all, only those with members (with_users), or the caller's (user=me).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listTeams } from '../../../domain/people.js';
import { principalOf } from '../../../http/auth.js';
import { AuthQuery, BoolParam, errorResponses, Team } from '../schemas.js';
import * as map from '../mappers.js';
import { sbCtx } from '../request.js';

const Query = AuthQuery.extend({
  with_users: BoolParam.optional().describe('true: only teams with users in them'),
  user: z.string().max(100).optional().describe('me: only the teams of the current user; any other value is ignored'),
});

export const teamRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/teams',
    { schema: { tags: ['supportbee'], summary: 'List teams', querystring: Query, response: { 200: z.object({ teams: z.array(Team) }), ...errorResponses } } },
    async (req) => {
      const memberId = req.query.user === 'me' ? principalOf(req).userId : undefined;
      const teams = await listTeams(sbCtx(req), { withUsers: req.query.with_users, memberId });
      return { teams: teams.map(map.teamCard) };
    },
  );
};
