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
