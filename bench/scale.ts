// npm run bench -- --scale: 1,000,000 tickets in one workspace on PostgreSQL (seeded with
// SQL), then each dialect's default, unfiltered list: page 1 and page 1,000, totals
// included where the dialect shows them, p50/p99 of sequential requests through HTTP.
//   BENCH_SCALE_TICKETS (default 1000000), BENCH_SCALE_REQUESTS (default 30)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBenchDb, seed } from './seed.js';
import { startPolydesk } from './servers.js';

interface ListCase {
  dialect: string;
  url(page: number): string;
  headers(token: string): Record<string, string>;
}

// The default list of each dialect that has one (Suptask has none), at its default page size.
const cases: ListCase[] = [
  { dialect: 'SupportBee', url: (p) => `/supportbee/tickets?page=${p}`, headers: (t) => ({ authorization: `Bearer ${t}` }) },
  { dialect: 'crm', url: (p) => `/crm/api/tickets?page=${p}`, headers: (t) => ({ authorization: `Bearer ${t}` }) },
  { dialect: 'TaskIP', url: (p) => `/taskip/api/public-v1/support-ticket?page=${p}`, headers: (t) => ({ 'x-secret-key': t }) },
  { dialect: 'Sympoq', url: (p) => `/sympoq/app/desk/api/tickets/any/any/any/any/any/any/any/*?page=${p}`, headers: (t) => ({ apikey: t }) },
];

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

export async function runScale(adminUrl: string, log: (s: string) => void): Promise<void> {
  const tickets = Number(process.env.BENCH_SCALE_TICKETS ?? 1_000_000);
  const requests = Number(process.env.BENCH_SCALE_REQUESTS ?? 30);
  const db = await createBenchDb(adminUrl);
  const work = await mkdtemp(path.join(os.tmpdir(), 'polydesk-scale-'));
  try {
    log(`seeding ${tickets} tickets...`);
    const s = await seed(db.target, tickets, log, { events: false });
    const server = await startPolydesk({ DATABASE_URL: db.url!, DATA_DIR: work });
    try {
      console.log(`\nPostgreSQL, ${tickets} tickets in one workspace, ${requests} sequential requests each; ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}\n`);
      console.log(`${'default list'.padEnd(12)} ${'page'.padStart(5)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  total`);
      for (const c of cases) {
        for (const page of [1, 1000]) {
          const times: number[] = [];
          let total = '';
          for (let i = 0; i < requests + 3; i++) {
            const t0 = performance.now();
            const res = await fetch(server.url + c.url(page), { headers: c.headers(s.agentToken) });
            const body = await res.text();
            if (res.status !== 200) throw new Error(`${c.dialect} page ${page}: ${res.status} ${body.slice(0, 200)}`);
            if (i >= 3) times.push(performance.now() - t0); // the first three warm up
            total = res.headers.get('x-total-count') ?? /"total":(\d+)/.exec(body)?.[1] ?? '(none shown)';
          }
          console.log(`${c.dialect.padEnd(12)} ${String(page).padStart(5)} ${pct(times, 0.5).toFixed(1).padStart(7)} ${pct(times, 0.99).toFixed(1).padStart(7)}  ${total}`);
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
    await rm(work, { recursive: true, force: true });
  }
}
