// How a workspace shows dates and which custom fields it shows: what rendering a ticket
// needs besides the ticket, in one statement.
import { readRows, utcTimestamp as utc } from '../db/rows.js';
import type { Ctx } from './context.js';
import type { EventView } from './events.js';

export interface FieldCard {
  id: string;
  name: string;
  type: string;
}

export interface DisplaySettings {
  dateFormat: string;
  datetimeFormat: string;
  timeZone: string;
  /** The enabled custom fields, oldest first. */
  fields: FieldCard[];
}

const SETTINGS = `SELECT w."dateFormat", w."datetimeFormat", w."timeZone",
  (SELECT coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'type', f.type) ORDER BY f."createdAt", f.id), '[]')
   FROM "CustomField" f WHERE f."workspaceId" = w.id AND f.enabled) AS fields
FROM "Workspace" w WHERE w.id = $1`;

export async function displaySettings(ctx: Pick<Ctx, 'db' | 'workspaceId'>): Promise<DisplaySettings> {
  const [row] = await readRows<DisplaySettings>(ctx.db, SETTINGS, ctx.workspaceId);
  if (!row) throw new Error(`workspace ${ctx.workspaceId} does not exist`);
  return row;
}

// The same, plus one ticket's event log (newest first): a ticket view with its history
// costs the ticket read and this one statement.
const SETTINGS_AND_EVENTS = SETTINGS.replace(
  'AS fields',
  `AS fields,
  (SELECT coalesce(json_agg(json_build_object('id', e.id, 'workspaceId', e."workspaceId", 'ticketId', e."ticketId", 'actorId', e."actorId", 'actorName', e."actorName",
            'action', e.action, 'description', e.description, 'data', e.data, 'minutes', e.minutes, 'createdAt', e."createdAt",
            'actor', (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM "User" u WHERE u.id = e."actorId")) ORDER BY e.id DESC), '[]')
   FROM "TicketEvent" e WHERE e."workspaceId" = w.id AND e."ticketId" = $2) AS events`,
);


export async function displaySettingsWithEvents(ctx: Pick<Ctx, 'db' | 'workspaceId'>, ticketId: number): Promise<DisplaySettings & { events: EventView[] }> {
  const [row] = await readRows<DisplaySettings & { events: (Omit<EventView, 'createdAt'> & { createdAt: string })[] }>(ctx.db, SETTINGS_AND_EVENTS, ctx.workspaceId, ticketId);
  if (!row) throw new Error(`workspace ${ctx.workspaceId} does not exist`);
  return { ...row, events: row.events.map((e) => ({ ...e, createdAt: utc(e.createdAt) })) };
}
