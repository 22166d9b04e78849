// THE sweeper for uploads nothing references: attachment rows with no ticket, message or
// draft, older than the configured age, and bytes no row ever claimed. Every instance runs
// it; FOR UPDATE SKIP LOCKED lets concurrent instances split the work instead of colliding.
import type { Db } from '../../db/client.js';
import { deleteUnreferencedBytes, type AttachmentStore } from './store.js';

const BATCH = 500;

export interface SweepResult {
  uploads: number;
  orphanedBlobs: number;
}

export async function sweepUnreferencedUploads(db: Db, store: AttachmentStore, olderThan: Date): Promise<SweepResult> {
  let uploads = 0;
  for (;;) {
    // One statement: rows and (postgres driver) their chunks go in one transaction.
    const gone = await db.$queryRaw<{ storagePath: string }[]>`
      WITH doomed AS (
        SELECT "id" FROM "Attachment"
        WHERE "ticketId" IS NULL AND "messageId" IS NULL AND "draftId" IS NULL AND "createdAt" < ${olderThan}
        ORDER BY "id" LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      DELETE FROM "Attachment" a USING doomed WHERE a."id" = doomed."id"
      RETURNING a."storagePath"`;
    uploads += gone.length;
    // Bytes outside the database (file system, S3): unless another row shares them.
    await deleteUnreferencedBytes(db, store, [...new Set(gone.map((g) => g.storagePath))]);
    if (gone.length < BATCH) break;
  }
  const orphanedBlobs = await store.blobs.sweepOrphans(olderThan);
  return { uploads, orphanedBlobs };
}
