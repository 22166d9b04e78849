// npm run bench: polydesk as `npm start` runs it (child process, LOG_LEVEL=warn, default
// pool) against the hand-written ceiling (bench/ceiling.ts) on the same seeded database,
// through the real HTTP endpoints with real API tokens; prints req/s, p50, p99 and ratios,
// and polydesk's RSS. Then polydesk alone on PGlite (embedded) with the same data.
//   npm run bench [-- --duration 5] [-- --connections 10] [-- --tickets 20000]
//                 [-- --only sb-get,sb-list] [-- --no-pglite] [-- --cpu-prof DIR] [-- --scale]
//   BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres): the server
//   on which a database of its own is created and dropped.
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBenchDb, seed } from './seed.js';
import { startCeiling, startPolydesk, type Server } from './servers.js';
import { scenarios, sameJson, type BenchCtx, type Scenario } from './scenarios.js';
import { interleaved, measure, type Result } from './measure.js';
import { runScale } from './scale.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_SECONDS ?? '5' },
    connections: { type: 'string', default: '10' },
    tickets: { type: 'string', default: '20000' },
    only: { type: 'string' },
    'no-pglite': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    scale: { type: 'boolean', default: false },
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const duration = Number(args.duration);
const connections = Number(args.connections);
const tickets = Number(args.tickets);
const log = (s: string) => process.stderr.write(s + '\n');

if (args.scale) {
  await runScale(adminUrl, log);
  process.exit(0);
}

const chosen = scenarios.filter((s) => !args.only || args.only.split(',').includes(s.name));
const fmt = (n: number, w = 7) => n.toFixed(0).padStart(w);
const ms = (n: number) => n.toFixed(1).padStart(7);

function row(s: Scenario, who: string, r: Result, ceiling?: Result) {
  const ratio = ceiling ? `${fmt((r.rps / ceiling.rps) * 100, 4)}%` : '';
  const p99x = ceiling ? `${(r.p99 / Math.max(ceiling.p99, 1)).toFixed(1).padStart(5)}x` : '';
  console.log(`${s.title.padEnd(42)} ${who.padEnd(9)} ${fmt(r.rps)} ${ms(r.p50)} ${ms(r.p99)} ${String(r.errors).padStart(6)}  ${ratio.padStart(6)} ${p99x}`);
}
const header = () => console.log(`${'endpoint'.padEnd(42)} ${'server'.padEnd(9)}   req/s  p50 ms  p99 ms errors   ratio  p99/ceil`);

async function checkParity(s: Scenario, a: Server, b: Server, ctx: BenchCtx) {
  const [x, y] = await Promise.all([s.sample(a.url, ctx), s.sample(b.url, ctx)]);
  const diff = sameJson(x, y, s.compare);
  if (diff) throw new Error(`${s.name}: polydesk and ceiling answer differently at ${diff}`);
}

const db = await createBenchDb(adminUrl);
const work = await mkdtemp(path.join(os.tmpdir(), 'polydesk-bench-'));
try {
  log(`seeding ${tickets} tickets on PostgreSQL...`);
  const seeded = await seed(db.target, tickets, log);
  const ctx = { token: seeded.agentToken, firstId: seeded.firstId, lastId: seeded.lastId };
  const polydesk = await startPolydesk({ DATABASE_URL: db.url!, DATA_DIR: path.join(work, 'pg') }, args['cpu-prof']);
  const ceiling = await startCeiling(db.url!);
  const results: [Scenario, Result, Result][] = [];
  try {
    for (const s of chosen) {
      await checkParity(s, polydesk, ceiling, ctx);
      log(`${s.name}: same JSON; warming up`);
      await measure(polydesk.url, s, ctx, { duration: 1, connections });
      await measure(ceiling.url, s, ctx, { duration: 1, connections });
      // Interleaved 1 s slices, so both servers see the same background load (the machine is shared).
      const [p, c] = await interleaved([polydesk.url, ceiling.url], s, ctx, { duration, connections });
      results.push([s, p, c]);
    }
  } finally {
    var rss = polydesk.rss();
    await polydesk.stop();
    await ceiling.stop();
  }
  console.log(`\nPostgreSQL, ${tickets} tickets, ${connections} connections, ${duration} s per run; ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, Node ${process.version}\n`);
  header();
  for (const [s, p, c] of results) {
    row(s, 'polydesk', p, c);
    row(s, 'ceiling', c);
  }
  console.log(`\npolydesk RSS after the run: ${rss.current} MB (peak ${rss.peak} MB)`);

  if (!args['no-pglite']) {
    log(`\nseeding ${tickets} tickets on PGlite...`);
    const dataDir = path.join(work, 'pglite');
    const embeddedSeed = await seed({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }, tickets, log);
    const ectx = { token: embeddedSeed.agentToken, firstId: embeddedSeed.firstId, lastId: embeddedSeed.lastId };
    const embedded = await startPolydesk({ DATA_DIR: dataDir });
    const pgl: [Scenario, Result][] = [];
    try {
      for (const s of chosen) {
        await measure(embedded.url, s, ectx, { duration: 1, connections });
        pgl.push([s, await measure(embedded.url, s, ectx, { duration, connections })]);
      }
    } finally {
      var rssEmbedded = embedded.rss();
      await embedded.stop();
    }
    console.log(`\nPGlite (embedded), polydesk only\n`);
    header();
    for (const [s, r] of pgl) row(s, 'polydesk', r);
    console.log(`\npolydesk RSS after the run: ${rssEmbedded.current} MB (peak ${rssEmbedded.peak} MB)`);
  }
} finally {
  await db.drop();
  await rm(work, { recursive: true, force: true });
}
