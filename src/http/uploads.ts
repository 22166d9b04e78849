// Receiving a multipart upload: each file part is streamed into the attachment store and
// each text field collected. All or nothing: if any part fails (too large, malformed), the
// files stored so far are discarded, rows and bytes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { limit } from './rate-limit.js';
import type { Ctx } from '../domain/context.js';
import { storeAttachment } from '../domain/attachments/store.js';
import { discardUploads } from '../domain/attachments/ticket-files.js';
import { storableText } from '../domain/text.js';

type Hook = ReturnType<FastifyInstance['rateLimit']>;
const limiters = new WeakMap<object, Hook>();

/**
 * The onRequest hook of every upload route, in every dialect: one budget per person
 * (UPLOAD_RATE_LIMIT_*). One limiter per app, since each @fastify/rate-limit limiter keeps its
 * own counters; it runs right after authentication. The plugin applies one limit per request,
 * so an upload counts against this budget instead of a dialect-wide one.
 */
export function uploadLimiter(app: FastifyInstance): Hook {
  let hook = limiters.get(app.config);
  if (!hook) {
    const { max, windowMs } = app.config.limits.uploads;
    hook = app.rateLimit(limit({ group: 'uploads', max, timeWindow: windowMs }));
    limiters.set(app.config, hook);
  }
  return hook;
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
