// References from a ticket to tickets in other systems (Jira, Zendesk...). One row per
// (ticket, integration type, external id): posting the same pair again updates it.
import type { Prisma } from '../generated/prisma/client.js';
import type { Ctx } from './context.js';
import { ValidationError } from './errors.js';
import { authorize } from './policy.js';
import { appendEvents, EventAction } from './events.js';
import { resolveTicketId, type FindOptions, type TicketKey } from './tickets/find.js';

export interface ExternalRefInput {
  externalId: string;
  integrationType: string;
  url: string;
  data?: Record<string, unknown>;
}

export const EXTERNAL_FIELD_MAX = 2048;

export async function upsertExternalRef(ctx: Ctx, key: TicketKey, input: ExternalRefInput, opts: FindOptions = {}) {
  authorize(ctx, 'ticket.update');
  const externalId = input.externalId.trim();
  const integrationType = input.integrationType.trim();
  const url = input.url.trim();
  for (const [field, v] of Object.entries({ externalId, integrationType, url })) {
    if (!v) throw ValidationError.field(field, `${field} must not be empty`);
    if (v.length > EXTERNAL_FIELD_MAX) throw ValidationError.field(field, `${field} must be at most ${EXTERNAL_FIELD_MAX} characters`);
  }
  const ticketId = await resolveTicketId(ctx, key, opts);
  return ctx.db.$transaction(async (tx) => {
    const where = { ticketId_integrationType_externalId: { ticketId, integrationType, externalId } };
    const existing = await tx.externalRef.findUnique({ where, select: { id: true } });
    const data = (input.data ?? {}) as Prisma.InputJsonObject;
    // Upsert on the unique key: concurrent posts of one reference never duplicate it.
    const ref = await tx.externalRef.upsert({
      where,
      create: { ticketId, externalId, integrationType, url, data },
      update: { url, ...(input.data !== undefined ? { data } : {}) },
    });
    const now = new Date();
    await tx.ticket.update({ where: { id: ticketId }, data: { updatedAt: now } });
    await appendEvents(tx, { workspaceId: ctx.workspaceId, ticketId, actor: ctx.actor }, [
      { action: EventAction.externalRef, description: url, data: { externalRefId: ref.id, integrationType, externalId, url, created: !existing } },
    ]);
    return { ref, created: !existing };
  });
}
