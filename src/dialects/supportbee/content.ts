// Attachment ids in a content object: `attachment_ids`, or `attachments: [{id}]` as the
// seed's comment example sends them.
import type { z } from 'zod';
import type { ContentIn } from './schemas.js';

export function attachmentIds(c: z.output<typeof ContentIn> | undefined): number[] {
  return [...new Set([...(c?.attachment_ids ?? []), ...(c?.attachments ?? []).map((a) => a.id)])];
}
