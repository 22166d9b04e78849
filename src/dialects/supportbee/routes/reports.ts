// Reports (admins only): daily data points for average first response time (seconds),
// tickets created and staff replies, by SQL aggregation in the domain.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { report, type ReportKind } from '../../../domain/reports.js';
import { AuthQuery, DataPoints, errorResponses } from '../schemas.js';
import { idInput } from '../../../http/wire-values.js';
import { sbCtx } from '../request.js';
import { timeParam } from '../time.js';

const when = z.string().max(64).optional().describe('Date, DateTime or Timestamp (UTC unless an offset is given)');
const Query = AuthQuery.extend({
  user: idInput().optional().describe('ID of the agent to filter data points on'),
  team: idInput().optional().describe('ID of the team to filter data points on'),
  label: z.string().min(1).max(100).optional().describe('Name of the label to filter data points on'),
  since: when,
  until: when,
});

const REPORTS: { kind: ReportKind; summary: string; description: string }[] = [
  {
    kind: 'avg_first_response_time',
    summary: 'Average first response time per day',
    description: 'Per UTC day of ticket creation: the mean number of seconds from creation to the first agent reply, over the answered tickets; user is the assignee.',
  },
  { kind: 'tickets_count', summary: 'Tickets created per day', description: 'Per UTC day: the tickets created (spam and trash excluded); user is the assignee.' },
  { kind: 'replies_count', summary: 'Agent replies per day', description: 'Per UTC day: the replies agents wrote; user is the author.' },
];

export const reportRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  for (const r of REPORTS) {
    app.get(
      `/reports/${r.kind}`,
      { schema: { tags: ['supportbee'], summary: r.summary, description: `${r.description} Admins only.`, querystring: Query, response: { 200: DataPoints, ...errorResponses } } },
      async (req) => {
        const q = req.query;
        const points = await report(sbCtx(req), r.kind, { userId: q.user, teamId: q.team, label: q.label, since: timeParam(q.since, 'since'), until: timeParam(q.until, 'until') });
        return { data_points: points.map((p) => ({ value: String(p.value), timestamp: String(p.day) })) };
      },
    );
  }
};
