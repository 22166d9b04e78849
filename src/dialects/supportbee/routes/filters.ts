// Filters: a rule (which new tickets), a consequence (what to do) and the filter joining
// them. Ids are strings on the wire, as SupportBee renders them; numbers are accepted too.
// Filters run on every new ticket, whichever dialect creates it (domain/filters.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boolInput } from '../../../http/wire-values.js';
import { createConsequence, createFilter, createRule } from '../../../domain/filter-definitions.js';
import { AuthQuery, errorResponses, IdIn, OptionalIdIn } from '../schemas.js';
import { sbCtx } from '../request.js';

const text = z.string().max(1000).nullish();

const RuleIn = z.object({
  requester_email: text.describe('The requester has exactly this e-mail address'),
  requester_domain: text.describe('The requester e-mail address is at this domain'),
  subject_contains: text,
  body_contains: text,
  label: text.describe('The ticket has this label'),
  forwarding_address_id: OptionalIdIn.optional().describe('The ticket arrived through this forwarding address'),
});
const Rule = z.object({
  id: z.string(),
  requester_email: z.string().nullable(),
  requester_domain: z.string().nullable(),
  subject_contains: z.string().nullable(),
  body_contains: z.string().nullable(),
  label: z.string().nullable(),
  forwarding_address_id: z.string().nullable(),
});

const ConsequenceIn = z.object({
  archive: boolInput().optional(),
  spam: boolInput().optional(),
  trash: boolInput().optional(),
  label: text.describe('Label to add (created when missing)'),
  assign_user: OptionalIdIn.optional().describe('Agent or admin id to assign; "" for none'),
  assign_team: OptionalIdIn.optional().describe('Team id to assign; "" for none'),
});
const Consequence = z.object({
  id: z.string(),
  archive: z.boolean(),
  spam: z.boolean(),
  trash: z.boolean(),
  label: z.string().nullable(),
  assign_user: z.string(),
  assign_team: z.string(),
});

const FilterIn = z.object({ rule_id: IdIn, consequence_id: IdIn });
const Filter = z.object({ id: z.string(), rule_id: z.string(), consequence_id: z.string() });

const str = (id: number | null): string | null => (id == null ? null : String(id));

export const filterRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];

  app.post(
    '/rules',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a rule (admins only)',
        description: 'Every condition given must hold; an empty rule matches every new ticket.',
        querystring: AuthQuery,
        body: z.object({ rule: RuleIn.optional() }),
        response: { 201: z.object({ rule: Rule }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = req.body.rule ?? {};
      const rule = await createRule(sbCtx(req), {
        requesterEmail: r.requester_email,
        requesterDomain: r.requester_domain,
        subjectContains: r.subject_contains,
        bodyContains: r.body_contains,
        label: r.label,
        forwardingAddressId: r.forwarding_address_id,
      });
      return reply.status(201).send({
        rule: {
          id: String(rule.id),
          requester_email: rule.requesterEmail,
          requester_domain: rule.requesterDomain,
          subject_contains: rule.subjectContains,
          body_contains: rule.bodyContains,
          label: rule.label,
          forwarding_address_id: str(rule.forwardingAddressId),
        },
      });
    },
  );

  app.post(
    '/consequences',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a consequence (admins only)',
        description: 'What a filter does to a matching ticket: archive, mark as spam, trash, add a label, assign a user and/or a team.',
        querystring: AuthQuery,
        body: z.object({ consequence: ConsequenceIn }),
        response: { 201: z.object({ consequence: Consequence }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = req.body.consequence;
      const made = await createConsequence(sbCtx(req), { archive: c.archive, spam: c.spam, trash: c.trash, label: c.label, assignUserId: c.assign_user, assignTeamId: c.assign_team });
      return reply.status(201).send({
        consequence: {
          id: String(made.id),
          archive: made.archive,
          spam: made.spam,
          trash: made.trash,
          label: made.label,
          assign_user: str(made.assignUserId) ?? '',
          assign_team: str(made.assignTeamId) ?? '',
        },
      });
    },
  );

  app.post(
    '/filters',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a filter from a rule and a consequence (admins only)',
        description: 'From then on, every new ticket matching the rule gets the consequence, inside its creation.',
        querystring: AuthQuery,
        body: FilterIn,
        response: { 201: z.object({ filter: Filter }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await createFilter(sbCtx(req), req.body.rule_id, req.body.consequence_id);
      return reply.status(201).send({ filter: { id: String(f.id), rule_id: String(f.ruleId), consequence_id: String(f.consequenceId) } });
    },
  );
};
