// How a workspace shows dates and which custom fields it shows: what rendering a ticket
// needs besides the ticket, in one statement.
import { readRows } from '../db/rows.js';
import type { Ctx } from './context.js';

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
