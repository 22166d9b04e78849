// Runs the unreferenced-upload sweep periodically in every instance (first run at a random
// point of the interval, so a fleet started together does not sweep in lockstep).
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { sweepUnreferencedUploads } from '../domain/attachments/sweep.js';
import type { AttachmentStore } from '../domain/attachments/store.js';

export function startSweeper(db: Db, store: AttachmentStore, opts: { ageMs: number; intervalMs: number }, log: FastifyBaseLogger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const r = await sweepUnreferencedUploads(db, store, new Date(Date.now() - opts.ageMs));
      if (r.uploads || r.orphanedBlobs) log.info(r, 'swept unreferenced uploads');
    } catch (err) {
      log.warn({ reason: err instanceof Error ? err.message.split('\n').filter(Boolean).pop() : String(err) }, 'upload sweep failed; retrying next interval');
    }
    if (!stopped) schedule(opts.intervalMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  schedule(Math.floor(Math.random() * opts.intervalMs));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
