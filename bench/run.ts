// npm run bench: seeds a PostgreSQL database, then measures get-ticket, list-tickets and
// create-ticket through the polydesk domain and through a bare Fastify + pg ceiling doing
// the same SQL, and prints req/s, p50/p99 latency and the ratio to the ceiling.
//   BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test)
//   BENCH_TICKETS (default 20000), BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 10)
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';

const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const tickets = Number(process.env.BENCH_TICKETS ?? 20000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const dbName = `polydesk_bench_${randomBytes(4).toString('hex')}`;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function seed(url: string) {
  const db = await openDatabase({ kind: 'postgres', url }); // migrates
  const p = db.prisma;
  const ws = await p.workspace.create({ data: { slug: 'bench', name: 'Bench' } });
  const agent = await p.user.create({ data: { workspaceId: ws.id, email: 'agent@bench.test', name: 'Agent', role: 'agent' } });
  await p.$executeRawUnsafe(
    `INSERT INTO "User" ("workspaceId", email, name, role, "updatedAt")
     SELECT $1, 'c' || g || '@bench.test', 'Customer ' || g, 'customer', now() FROM generate_series(1, 1000) g`,
    ws.id,
  );
  await p.label.createMany({ data: ['bug', 'billing', 'vip', 'ui', 'api'].map((name) => ({ workspaceId: ws.id, name })) });
  await p.$executeRawUnsafe(
    `INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", status, priority, "requesterId", "lastActivityAt", "createdAt", "updatedAt", archived)
     SELECT gen_random_uuid(), $1, g, 'B-' || g, 'Ticket ' || g, 'Description of ticket ' || g,
            (ARRAY['new','open','pending','closed']::"TicketStatus"[])[1 + g % 4],
            (ARRAY['low','normal','high','urgent']::"Priority"[])[1 + g % 4],
            (SELECT min(id) FROM "User" WHERE "workspaceId" = $1 AND role = 'customer') + g % 1000,
            now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now(), g % 10 = 0
     FROM generate_series(1, $2) g`,
    ws.id,
    tickets,
  );
  await p.$executeRawUnsafe(
    `INSERT INTO "TicketLabel" ("ticketId", "labelId") SELECT t.id, l.id FROM "Ticket" t JOIN "Label" l ON l."workspaceId" = t."workspaceId" AND (t.number % 5) = (l.id % 5) WHERE t."workspaceId" = $1`,
    ws.id,
  );
  await p.workspace.update({ where: { id: ws.id }, data: { ticketSeq: tickets } });
  await p.$executeRawUnsafe('ANALYZE');
  const first = await p.ticket.findFirst({ where: { workspaceId: ws.id }, orderBy: { id: 'asc' }, select: { id: true } });
  await db.close();
  return { workspaceId: ws.id, actorId: agent.id, firstId: first!.id };
}

function startServer(mode: 'domain' | 'ceiling', url: string, port: number, ws: number, actor: number): Promise<ChildProcess> {
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [mode, url, String(port), String(ws), String(actor)], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(port: number, scenario: string, firstId: number): Promise<Result> {
  let n = 0;
  const opts: autocannon.Options = { url: `http://127.0.0.1:${port}`, connections, duration: seconds };
  if (scenario === 'get-ticket') {
    opts.requests = [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/tickets/${firstId + (n++ % tickets)}` }) }];
  } else if (scenario === 'list-tickets') {
    opts.requests = [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/tickets?page=${1 + (n++ % 50)}` }) }];
  } else {
    opts.requests = [{ method: 'POST', path: '/tickets', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'Bench', body: 'A benchmark ticket' }) }];
  }
  const r = await autocannon(opts);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

await admin(`CREATE DATABASE ${dbName}`);
const u = new URL(baseUrl);
u.pathname = `/${dbName}`;
const url = u.toString();
try {
  console.log(`seeding ${tickets} tickets into ${dbName}...`);
  const { workspaceId, actorId, firstId } = await seed(url);
  const scenarios = ['get-ticket', 'list-tickets', 'create-ticket'];
  const results: Record<string, Record<string, Result>> = {};
  for (const mode of ['ceiling', 'domain'] as const) {
    const port = 39000 + (mode === 'domain' ? 1 : 2);
    const child = await startServer(mode, url, port, workspaceId, actorId);
    try {
      for (const s of scenarios) {
        await measure(port, s, firstId); // warm-up
        (results[s] ??= {})[mode] = await measure(port, s, firstId);
      }
    } finally {
      child.kill('SIGTERM');
    }
  }
  const fmt = (n: number) => n.toFixed(0).padStart(7);
  console.log(`\n${connections} connections, ${seconds}s per run, ${tickets} tickets\n`);
  console.log('scenario        server    req/s   p50 ms  p99 ms  errors  vs ceiling');
  for (const s of scenarios) {
    for (const mode of ['domain', 'ceiling'] as const) {
      const r = results[s][mode];
      const ratio = mode === 'domain' ? `${((r.rps / results[s].ceiling.rps) * 100).toFixed(0)}%` : '';
      console.log(`${s.padEnd(15)} ${mode.padEnd(8)} ${fmt(r.rps)} ${fmt(r.p50)} ${fmt(r.p99)} ${String(r.errors).padStart(7)}  ${ratio}`);
    }
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
