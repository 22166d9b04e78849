// File-system driver (the embedded default): content-addressed files under the data dir,
// written to tmp/ first and renamed, so a file is either whole or absent.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store.js';

export function fsBlobStore(dir: string): BlobStore {
  const tmpDir = path.join(dir, 'tmp');
  // Keys are relative paths `ab/abcdef...`; anything else names no file.
  const full = (key: string) => (/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key) ? path.join(dir, key) : null);
  return {
    driver: 'fs',
    async put(source, digest) {
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      try {
        await pipeline(Readable.from(source), createWriteStream(tmp));
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      const sha = digest();
      const key = `${sha.slice(0, 2)}/${sha}`;
      await mkdir(path.join(dir, sha.slice(0, 2)), { recursive: true });
      await rename(tmp, path.join(dir, key));
      return key;
    },
    async get(key) {
      const file = full(key);
      const st = file ? await stat(file).catch(() => null) : null;
      return st?.isFile() ? { stream: createReadStream(file!), size: st.size } : null;
    },
    async delete(keys) {
      for (const key of keys) {
        const file = full(key);
        if (file) await rm(file, { force: true });
      }
    },
    async sweepOrphans(before) {
      const names = await readdir(tmpDir).catch(() => [] as string[]);
      let removed = 0;
      for (const name of names) {
        const st = await stat(path.join(tmpDir, name)).catch(() => null);
        if (st && st.mtime < before) {
          await rm(path.join(tmpDir, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
