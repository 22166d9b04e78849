// Where attachment bytes live. Rows (ownership, metadata) stay in the database; a driver
// only stores, streams and deletes bytes under a key it chooses (Attachment.storagePath).
import type { Readable } from 'node:stream';

export interface BlobStore {
  readonly driver: 'fs' | 'postgres' | 's3';
  /**
   * Streams `source` in and returns its key. `digest()` is the content's sha256, valid once
   * `source` has ended. If `source` throws, nothing is left behind and the error propagates.
   */
  put(source: AsyncIterable<Buffer>, digest: () => string): Promise<string>;
  /** The bytes under `key`, streamed; null when there are none. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes these keys' bytes; missing keys are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  /** Removes bytes written before `before` that no attachment row claims (a crash between put and insert). */
  sweepOrphans(before: Date): Promise<number>;
}
