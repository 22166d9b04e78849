// Receiving a multipart upload: each file part is streamed into the attachment store and
// each text field collected. All or nothing: if any part fails (too large, malformed), the
// files stored so far are discarded, rows and bytes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { limit } from './rate-limit.js';
import type { Ctx } from '../domain/context.js';
import { storeAttachment } from '../domain/attachments/store.js';
import { discardUploads } from '../domain/attachments/ticket-files.js';
import { storableText } from '../domain/text.js';

/** Upload routes of every dialect share one budget per person (UPLOAD_RATE_LIMIT_*). */
export function uploadLimit(app: FastifyInstance): RateLimitOptions {
  const { max, windowMs } = app.config.limits.uploads;
  return limit({ group: 'uploads', max, timeWindow: windowMs });
}

export type StoredAttachment = Awaited<ReturnType<typeof storeAttachment>>;

export async function receiveUploads(
  req: FastifyRequest,
  ctx: Ctx,
  opts: { fileFields?: ReadonlySet<string> } = {},
): Promise<{ attachments: StoredAttachment[]; fields: Record<string, string> }> {
  const attachments: StoredAttachment[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (opts.fileFields && !opts.fileFields.has(part.fieldname)) {
          part.file.resume();
          continue;
        }
        attachments.push(
          await storeAttachment(ctx, req.server.attachmentStore, { filename: part.filename, contentType: part.mimetype, stream: part.file, truncated: () => part.file.truncated }),
        );
      } else if (typeof part.value === 'string') fields[part.fieldname] = storableText(part.value);
    }
  } catch (err) {
    await discardUploads(ctx, attachments.map((a) => a.id));
    throw err;
  }
  return { attachments, fields };
}
