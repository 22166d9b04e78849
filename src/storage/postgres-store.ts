// PostgreSQL driver (default with DATABASE_URL): an upload is a run of 256 KiB chunks in
// "AttachmentChunk", written and read one chunk at a time, so no instance ever holds a whole
// file; any instance serves any download. A trigger deletes the chunks with their row.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../db/client.js';
import type { BlobStore } from './blob-store.js';

const CHUNK = 256 * 1024;

export function postgresBlobStore(db: Db): BlobStore {
  return {
    driver: 'postgres',
    async put(source) {
      const key = randomUUID();
      let seq = 0;
      let parts: Buffer[] = [];
      let pending = 0;
      const flush = async (size: number) => {
        const all = Buffer.concat(parts, pending);
        await db.attachmentChunk.create({ data: { key, seq: seq++, data: all.subarray(0, size) } });
        parts = [all.subarray(size)];
        pending -= size;
      };
      try {
        for await (const chunk of source) {
          parts.push(chunk);
          pending += chunk.length;
          while (pending >= CHUNK) await flush(CHUNK);
        }
        // An empty file is one empty chunk, so that it exists.
        if (pending > 0 || seq === 0) await flush(pending);
      } catch (err) {
        await db.attachmentChunk.deleteMany({ where: { key } });
        throw err;
      }
      return key;
    },
    async get(key) {
      const [agg] = await db.$queryRaw<{ n: number; size: bigint | null }[]>`
        SELECT count(*)::int AS n, sum(octet_length("data")) AS size FROM "AttachmentChunk" WHERE "key" = ${key}`;
      if (!agg?.n) return null;
      const chunks = async function* () {
        for (let seq = 0; seq < agg.n; seq++) {
          const c = await db.attachmentChunk.findUnique({ where: { key_seq: { key, seq } }, select: { data: true } });
          if (!c) throw new Error(`attachment chunk ${seq} of ${key} vanished while streaming`);
          yield Buffer.from(c.data);
        }
      };
      return { stream: Readable.from(chunks()), size: Number(agg.size ?? 0) };
    },
    async delete(keys) {
      if (keys.length) await db.attachmentChunk.deleteMany({ where: { key: { in: [...keys] } } });
    },
    async sweepOrphans(before) {
      return db.$executeRaw`
        DELETE FROM "AttachmentChunk" c
        WHERE c."key" IN (
          SELECT o."key" FROM "AttachmentChunk" o
          WHERE o."seq" = 0 AND o."createdAt" < ${before}
            AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."storagePath" = o."key")
          LIMIT 1000)`;
    },
  };
}
