// Shared by commands that name a workspace with --workspace.
import type { Db } from '../../db/client.js';
import { UsageError } from '../command.js';

export async function workspaceBySlug(db: Db, slug: string) {
  const ws = await db.workspace.findUnique({ where: { slug } });
  if (!ws) throw new UsageError(`workspace "${slug}" does not exist`);
  return ws;
}
