// Custom field values: validated against a form's fields (Suptask) or the workspace's
// enabled fields (CRM), then stored per ticket.
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../context.js';
import { ValidationError } from '../errors.js';

export interface FieldValueInput {
  /** Field id (uuid) or key; whichever the dialect has. */
  field: string;
  value: unknown;
}

export type FieldScope = { formId: string } | { workspace: true };

interface FieldDef {
  id: string;
  key: string;
  name: string;
  type: string;
  options: string[];
  required: boolean;
}

async function fieldsInScope(tx: Tx, workspaceId: number, scope: FieldScope): Promise<FieldDef[]> {
  if ('formId' in scope) {
    const rows = await tx.formField.findMany({
      where: { formId: scope.formId, form: { workspaceId }, field: { enabled: true } },
      include: { field: true },
      orderBy: { position: 'asc' },
    });
    return rows.map((r) => ({ ...r.field, required: r.required || r.field.required }));
  }
  return tx.customField.findMany({ where: { workspaceId, enabled: true }, orderBy: { createdAt: 'asc' } });
}

function coerce(def: FieldDef, raw: unknown): Prisma.InputJsonValue {
  const bad = (why: string) => ValidationError.field(def.key, `custom field "${def.name}" ${why}`);
  switch (def.type) {
    case 'multiselect': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
      if (!list) throw bad('must be a list of values');
      const values = list.map((v) => String(v).trim()).filter(Boolean);
      const unknown = def.options.length ? values.find((v) => !def.options.includes(v)) : undefined;
      if (unknown !== undefined) throw bad(`has no option "${unknown}"`);
      return values;
    }
    case 'select': {
      const v = String(raw ?? '').trim();
      if (def.options.length && !def.options.includes(v)) throw bad(`has no option "${v}"`);
      return v;
    }
    case 'number': {
      const v = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(v) || String(raw).trim() === '') throw bad('must be a number');
      return String(v);
    }
    case 'date': {
      const v = String(raw ?? '').trim();
      if (Number.isNaN(Date.parse(v))) throw bad('must be a date');
      return v;
    }
    case 'checkbox': {
      const v = String(raw).trim().toLowerCase();
      if (!['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v)) throw bad('must be true or false');
      return ['true', '1', 'yes', 'on'].includes(v) ? 'true' : 'false';
    }
    default:
      if (raw !== null && typeof raw === 'object') throw bad('must be text');
      return String(raw ?? '');
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Validated values keyed by field id. With `enforceRequired`, every required field of the
 * scope must be present (creation); otherwise only the given fields are checked (updates).
 */
export async function validateFieldValues(
  tx: Tx,
  workspaceId: number,
  scope: FieldScope,
  input: readonly FieldValueInput[],
  enforceRequired: boolean,
): Promise<Map<string, Prisma.InputJsonValue>> {
  const defs = await fieldsInScope(tx, workspaceId, scope);
  const byRef = new Map<string, FieldDef>();
  for (const d of defs) {
    byRef.set(d.id, d);
    byRef.set(d.key, d);
  }
  const out = new Map<string, Prisma.InputJsonValue>();
  for (const { field, value } of input) {
    const def = byRef.get(field);
    if (!def) {
      throw ValidationError.field('customFields', 'formId' in scope ? `custom field ${field} is not a field of this form` : `custom field ${field} does not exist`);
    }
    if (isEmpty(value)) {
      if (def.required) throw ValidationError.field(def.key, `custom field "${def.name}" is required`);
      continue;
    }
    out.set(def.id, coerce(def, value));
  }
  if (enforceRequired) {
    const missing = defs.find((d) => d.required && !out.has(d.id));
    if (missing) throw ValidationError.field(missing.key, `custom field "${missing.name}" is required`);
  }
  return out;
}

export async function writeFieldValues(tx: Tx, ticketId: number, values: Map<string, Prisma.InputJsonValue>): Promise<void> {
  for (const [fieldId, value] of values) {
    await tx.ticketFieldValue.upsert({
      where: { ticketId_fieldId: { ticketId, fieldId } },
      create: { ticketId, fieldId, value },
      update: { value },
    });
  }
}
