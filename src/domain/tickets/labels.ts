// Ticket labels (tags in most dialects). SupportBee requires labels to exist; the others create them.
import type { Tx } from '../context.js';
import { NotFoundError, ValidationError } from '../errors.js';

export type LabelMode = 'create' | 'existing';

export function normalizeLabels(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    if (name.length > 100) throw ValidationError.field('tags', `tag "${name.slice(0, 20)}…" is longer than 100 characters`);
    if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

/** Label ids for names, creating missing labels (mode create) or failing (mode existing). */
export async function labelIds(tx: Tx, workspaceId: number, names: readonly string[], mode: LabelMode): Promise<number[]> {
  // A blank name cannot name an existing label (creating mode just skips it).
  if (mode === 'existing' && names.some((n) => !n.trim())) throw new NotFoundError('label', '');
  const wanted = normalizeLabels(names);
  if (wanted.length === 0) return [];
  const existing = await tx.label.findMany({
    where: { workspaceId, name: { in: wanted, mode: 'insensitive' } },
    select: { id: true, name: true },
  });
  const byName = new Map(existing.map((l) => [l.name.toLowerCase(), l.id]));
  const missing = wanted.filter((n) => !byName.has(n.toLowerCase()));
  if (missing.length && mode === 'existing') throw new NotFoundError('label', missing[0]);
  if (missing.length) {
    await tx.label.createMany({ data: missing.map((name) => ({ workspaceId, name })), skipDuplicates: true });
    const created = await tx.label.findMany({ where: { workspaceId, name: { in: missing } }, select: { id: true, name: true } });
    for (const l of created) byName.set(l.name.toLowerCase(), l.id);
  }
  return wanted.map((n) => byName.get(n.toLowerCase())!);
}

/** Replaces the ticket's label set; returns the names added and removed. */
export async function replaceLabels(tx: Tx, workspaceId: number, ticketId: number, names: readonly string[], mode: LabelMode) {
  const ids = await labelIds(tx, workspaceId, names, mode);
  const current = await tx.ticketLabel.findMany({ where: { ticketId }, select: { labelId: true, label: { select: { name: true } } } });
  const currentIds = new Set(current.map((c) => c.labelId));
  const wanted = new Set(ids);
  const removed = current.filter((c) => !wanted.has(c.labelId));
  const addedIds = ids.filter((id) => !currentIds.has(id));
  if (removed.length) await tx.ticketLabel.deleteMany({ where: { ticketId, labelId: { in: removed.map((r) => r.labelId) } } });
  if (addedIds.length) await tx.ticketLabel.createMany({ data: addedIds.map((labelId) => ({ ticketId, labelId })), skipDuplicates: true });
  const names_ = new Map<number, string>();
  if (addedIds.length) {
    for (const l of await tx.label.findMany({ where: { id: { in: addedIds } }, select: { id: true, name: true } })) names_.set(l.id, l.name);
  }
  return { added: addedIds.map((id) => names_.get(id)!), removed: removed.map((r) => r.label.name) };
}
