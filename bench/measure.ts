// One autocannon run of a scenario against a server.
import autocannon from 'autocannon';
import type { BenchCtx, Scenario } from './scenarios.js';

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function measure(base: string, s: Scenario, ctx: BenchCtx, opts: { duration: number; connections: number }): Promise<Result> {
  let n = 0;
  const r = await autocannon({
    url: base,
    connections: opts.connections,
    duration: opts.duration,
    requests: [{ method: s.method, headers: s.headers(ctx), body: s.body, setupRequest: (req) => ({ ...req, path: s.path(n++, ctx) }) }],
  });
  const wrongStatus = s.status === 201 ? r['2xx'] - r.requests.total : 0;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts + Math.max(0, wrongStatus) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Each server in turn for 1 s, `duration` times: req/s over all slices, p50 and p99 the
 * medians of the slices' (so a burst of outside load hits both servers alike).
 */
export async function interleaved(bases: string[], s: Scenario, ctx: BenchCtx, opts: { duration: number; connections: number }): Promise<Result[]> {
  const slices: Result[][] = bases.map(() => []);
  for (let i = 0; i < Math.max(1, opts.duration); i++) {
    for (const [k, base] of bases.entries()) slices[k].push(await measure(base, s, ctx, { duration: 1, connections: opts.connections }));
  }
  return slices.map((rs) => ({
    rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    errors: rs.reduce((a, r) => a + r.errors, 0),
  }));
}
