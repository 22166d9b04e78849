import { openDatabase } from '../src/db/client.js';
const db = await openDatabase({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/pdkeep', poolSize: 4 }, { migrate: false });
const p = db.prisma;
async function time(name: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await fn();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const c = process.cpuUsage(c0);
  console.log(name.padEnd(40), ((performance.now() - t0) / n).toFixed(3), 'ms wall', ((c.user + c.system) / 1000 / n).toFixed(3), 'ms cpu');
}
await time('raw SELECT 1', 500, () => p.$queryRawUnsafe('SELECT 1'));
await time('findMany filters', 500, () => p.filterRule.findMany({ where: { workspaceId: 1 } }));
await time('workspace findUnique', 500, () => p.workspace.findUnique({ where: { id: 1 }, select: { id: true } }));
await time('tx empty', 300, () => p.$transaction(async () => {}));
await time('tx with 3 raw', 300, () => p.$transaction(async (tx) => { await tx.$queryRawUnsafe('SELECT 1'); await tx.$queryRawUnsafe('SELECT 1'); await tx.$queryRawUnsafe('SELECT 1'); }));
await time('user.findFirst', 500, () => p.user.findFirst({ where: { id: 1, workspaceId: 1 }, select: { email: true } }));
await db.close();
