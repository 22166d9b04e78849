// PGlite is single-process: a second process opening the same directory (a CLI run next
// to the server) would corrupt it. A pid lock file refuses that with a clear message.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'polydesk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(`the PGlite database in ${dir} is in use by process ${pid}; stop it first (or use the admin API)`);
      }
      await rm(file, { force: true }); // stale lock from a crashed process
    }
  }
  throw new Error(`could not lock ${dir}`);
}
