// Who is acting, and on which workspace. Every domain call takes one of these.
import type { Db } from '../db/client.js';
import type { Prisma, Role } from '../generated/prisma/client.js';
import type { AttachmentStore } from './attachments/store.js';

export interface Actor {
  userId: number;
  name: string;
  role: Role;
}

export interface Ctx {
  db: Db;
  workspaceId: number;
  /** null for anonymous callers (SupportBee's public ticket form). */
  actor: Actor | null;
  /** Where attachment bytes live; with it, deleting tickets also removes files nothing references any more. */
  files?: AttachmentStore;
}

export type Tx = Prisma.TransactionClient;
/** A transaction that only sends SQL: Prisma's, or the driver's (db/rows.ts). */
export type { SqlTx } from '../db/rows.js';

export const isStaff = (role: Role | undefined | null): boolean => role === 'admin' || role === 'agent' || role === 'collaborator';
