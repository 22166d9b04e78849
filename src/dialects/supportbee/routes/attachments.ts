// Attachments: multipart upload (`files[]`, several files) and the download behind `url`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findAttachment, openAttachment } from '../../../domain/attachments/store.js';
import { downloadHeaders } from '../../../http/download.js';
import { receiveUploads, uploadLimiter } from '../../../http/uploads.js';
import { ValidationError } from '../../../domain/errors.js';
import { Attachment, AuthQuery, ErrorBody, errorResponses, IdParams } from '../schemas.js';
import * as map from '../mappers.js';
import { links, sbCtx } from '../request.js';

export const attachmentRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];

  app.post(
    '/attachments',
    {
      onRequest: uploadLimiter(app),
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Upload attachments',
        description:
          'multipart/form-data with one or more `files[]` parts. The answer is always the seed\'s attachment object (the first file); ' +
          'with several files it also lists every one in `attachments`. ' +
          'Reference the ids in `attachment_ids` of a ticket, reply, comment or draft. Files over the size limit: 413.',
        consumes: ['multipart/form-data'],
        querystring: AuthQuery,
        response: { 201: Attachment.extend({ attachments: z.array(Attachment).optional().describe('Every uploaded file, when there are several') }), ...errorResponses, 413: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw ValidationError.field('files[]', 'send the files as multipart/form-data in files[]');
      const { attachments: stored } = await receiveUploads(req, sbCtx(req));
      if (!stored.length) throw ValidationError.field('files[]', 'files[] is required');
      const l = links(req);
      const out = stored.map((a) => map.attachment(a, l));
      // Clients written against the seed read one object; several files keep that shape.
      return reply.status(201).send(out.length === 1 ? out[0] : { ...out[0], attachments: out });
    },
  );

  app.get(
    '/attachments/:id/download',
    { schema: { tags, summary: 'Download an attachment', description: 'The bytes as uploaded.', params: IdParams, querystring: AuthQuery, response: { 200: z.unknown().describe('The file, with its content type'), ...errorResponses } } },
    async (req, reply) => {
      const a = await findAttachment(sbCtx(req), req.params.id);
      const { stream, size } = await openAttachment(app.attachmentStore, a.storagePath);
      return downloadHeaders(reply, { ...a, size }).send(stream);
    },
  );
};
