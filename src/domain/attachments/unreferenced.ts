// Uploads nothing uses (no ticket, message or draft) that are older than a cutoff: what the
// attachment sweeper may remove. Server-wide, oldest first, in bounded batches.
import type { Db } from '../../db/client.js';

export function unreferencedAttachments(db: Db, olderThan: Date, take = 500) {
  return db.attachment.findMany({
    where: { ticketId: null, messageId: null, draftId: null, createdAt: { lt: olderThan } },
    select: { id: true, workspaceId: true, storagePath: true, createdAt: true },
    orderBy: { id: 'asc' },
    take,
  });
}
